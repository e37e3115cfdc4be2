// Prints the README's configuration table from the config schema, so the two never drift
// (test/readme.test.ts checks the README holds exactly this table).
import { z } from 'zod';
import { configSchema } from '../src/config.js';

export function configTable(): string {
  const rows = Object.entries(configSchema.shape).map(([name, field]) => {
    const json = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as { default?: unknown };
    const def = json.default === undefined ? '' : `\`${String(json.default)}\``;
    return `| \`${name}\` | ${def} | ${field.description ?? ''} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(`${configTable()}\n`);
