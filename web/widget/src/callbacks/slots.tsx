import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CallbacksApi } from './api.js';
import { dayLabel, groupSlotsByDay, timeRange, zoneChoices, zoneLabel, type CallbackOptions } from './callbacks.js';
import type { Strings } from './strings.js';

/** The last seat of a slot is worth saying; more would crowd the times. */
const FEW_LEFT = 1;

/**
 * The free slots for a topic in a time zone (and the wallet number we would call), fetched again
 * when either changes or `reload` is called (after a slot was taken under the customer's feet).
 */
export function useOptions(api: CallbacksApi, timezone: string, topic: string) {
  const [options, setOptions] = useState<CallbackOptions | null>(null);
  const [failed, setFailed] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let current = true;
    setFailed(false);
    setOptions(null);
    // The topic picks the team, and so the hours: nothing to offer before it is known.
    if (!topic) return;
    api.options(timezone, topic).then(
      (fresh) => current && setOptions(fresh),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [api, timezone, topic, tick]);
  return { options, failed, reload: () => setTick((n) => n + 1) };
}

export function ZonePicker({ id, value, onChange, s, locale }: { id: string; value: string; onChange: (zone: string) => void; s: Strings; locale: string }) {
  const zones = useMemo(() => zoneChoices(value), []);
  const now = new Date().toISOString();
  return (
    <div class="wd-field">
      <label for={id}>{s.c.form.timezone}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {zones.map((zone) => <option key={zone} value={zone}>{zone === value ? zoneLabel(zone, now, locale) : zone}</option>)}
      </select>
    </div>
  );
}

/**
 * Days, then the free times of the day chosen, both in the customer's zone. The times are radio
 * buttons: one choice, reachable with the arrow keys, named by the time they stand for.
 */
export function SlotPicker(props: { id: string; options: CallbackOptions | null; failed: boolean; timezone: string; value: string | null; onChange: (startsAt: string) => void; error?: string; s: Strings; locale: string; legend: string }) {
  const { id, options, timezone, value, s, locale } = props;
  const f = s.c.form;
  const days = useMemo(() => groupSlotsByDay(options?.slots ?? [], timezone), [options, timezone]);
  const [chosenDay, setChosenDay] = useState<string | null>(null);
  const day = days.find((d) => d.day === chosenDay) ?? days.find((d) => d.slots.some((slot) => slot.startsAt === value)) ?? days[0];

  if (props.failed) return <p class="wd-field-error" role="alert">{f.slotsFailed}</p>;
  if (!options) return <p class="wd-muted" role="status">{s.c.loading}</p>;
  if (!day) return <p class="wd-notice" role="status">{f.noSlots}</p>;
  return (
    <fieldset class={props.error ? 'wd-group wd-slots wd-slots-invalid' : 'wd-group wd-slots'} aria-describedby={props.error ? `${id}-error` : undefined}>
      <legend>{props.legend}</legend>
      <div class="wd-field">
        <label for={`${id}-day`}>{f.day}</label>
        <select id={`${id}-day`} value={day.day} onChange={(e) => setChosenDay(e.currentTarget.value)}>
          {days.map((d) => <option key={d.day} value={d.day}>{dayLabel(d.slots[0]!.startsAt, timezone, locale)}</option>)}
        </select>
      </div>
      <div class="wd-slot-list">
        {day.slots.map((slot) => (
          <label key={slot.startsAt} class={slot.startsAt === value ? 'wd-slot wd-slot-on' : 'wd-slot'}>
            <input type="radio" name={`${id}-slot`} class="wd-visually-hidden" checked={slot.startsAt === value} onChange={() => props.onChange(slot.startsAt)} />
            {timeRange(slot.startsAt, slot.endsAt, timezone, locale)}
            {slot.remaining <= FEW_LEFT && <small class="wd-muted"> {f.left}</small>}
          </label>
        ))}
      </div>
      {props.error && <p class="wd-field-error" id={`${id}-error`} role="alert">{props.error}</p>}
    </fieldset>
  );
}
