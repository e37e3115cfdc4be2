/**
 * RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines (BANKING77 texts do).
 * Returns the records as arrays of fields, the header first; blank lines are skipped.
 */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  const endRecord = () => {
    record.push(field);
    if (record.length > 1 || record[0] !== '') records.push(record);
    record = [];
    field = '';
  };
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n') endRecord();
    else if (c !== '\r') field += c;
  }
  if (field !== '' || record.length) endRecord();
  return records;
}

/** Rows keyed by the header; fails with the missing column's name rather than yielding blanks. */
export function readCsv<K extends string>(text: string, required: readonly K[]): (Record<K, string> & Record<string, string>)[] {
  const [header = [], ...rows] = parseCsvRecords(text);
  const names = header.map((h) => h.trim());
  for (const k of required) if (!names.includes(k)) throw new Error(`the CSV header must have a "${k}" column (found: ${names.join(',')})`);
  return rows.map((r) => Object.fromEntries(names.map((h, j) => [h, r[j] ?? ''])) as Record<K, string> & Record<string, string>);
}

/** One CSV field, quoted when it must be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
