import { AppError } from '../../platform/http/app-error.js';

export const fieldKinds = ['text', 'number', 'money', 'date', 'select'] as const;

/** A custom field as validation sees it. */
export interface FieldDef {
  key: string;
  kind: (typeof fieldKinds)[number];
  required: boolean;
  options: string[];
}

type Value = string | number | boolean | null;

const MAX_TEXT = 500;

function valid(def: FieldDef, value: Value): boolean {
  switch (def.kind) {
    case 'text':
      return typeof value === 'string' && value.length <= MAX_TEXT;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    // Money in a custom field is minor units, like every amount: an integer, never a float.
    case 'money':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    case 'select':
      return typeof value === 'string' && def.options.includes(value);
  }
}

/**
 * Checks custom field values against the definitions for the ticket's issue type: unknown keys,
 * wrong kinds and missing required fields are refused together, so a form can mark them all.
 * Required fields bind the customer's form; staff filing from a chat or a mail may not know them yet.
 */
export function validateFields(defs: FieldDef[], values: Record<string, Value>, options: { requireAll: boolean }): Record<string, Value> {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const problems: Record<string, string> = {};
  const out: Record<string, Value> = {};
  for (const [key, value] of Object.entries(values)) {
    const def = byKey.get(key);
    if (!def) problems[key] = 'unknown';
    else if (value === null || value === '') continue;
    else if (!valid(def, value)) problems[key] = `expected ${def.kind}`;
    else out[key] = value;
  }
  for (const def of defs) if (options.requireAll && def.required && out[def.key] === undefined && !problems[def.key]) problems[def.key] = 'required';
  if (Object.keys(problems).length) throw new AppError('TICKET_FIELDS_INVALID', { fields: problems });
  return out;
}
