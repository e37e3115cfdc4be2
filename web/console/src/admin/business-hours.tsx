import { useI18n } from '../i18n/index.js';
import { weekdays, type HoursDraft } from './hours.js';
import { Field } from './ui.js';

export function BusinessHoursEditor({ value, onChange }: { value: HoursDraft; onChange: (v: HoursDraft) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="hours">
      <legend>{t.teams.hours.title}</legend>
      <label className="inline wide">
        <input type="checkbox" checked={value.alwaysOpen} onChange={(e) => onChange({ ...value, alwaysOpen: e.target.checked })} /> {t.teams.alwaysOpen}
      </label>
      {!value.alwaysOpen && (
        <>
          <Field wide label={t.teams.hours.timeZone}><input required value={value.timeZone} onChange={(e) => onChange({ ...value, timeZone: e.target.value })} /></Field>
          {weekdays.map((d) => (
            <Field key={d} label={t.teams.hours.days[d]}>
              <input placeholder="09:00-18:00" value={value.days[d]} onChange={(e) => onChange({ ...value, days: { ...value.days, [d]: e.target.value } })} />
            </Field>
          ))}
          <Field wide label={t.teams.hours.holidays}><input placeholder="2026-10-01, 2026-10-02" value={value.holidays} onChange={(e) => onChange({ ...value, holidays: e.target.value })} /></Field>
        </>
      )}
    </fieldset>
  );
}
