/** The variables a canned response may use; anything else is refused when it is saved. */
export const cannedVariables = ['customer.name', 'agent.name', 'transaction.id'] as const;
export type CannedVariable = (typeof cannedVariables)[number];

const variablePattern = /\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/g;

export function unknownVariables(text: string): string[] {
  return [...text.matchAll(variablePattern)].map((m) => m[1]!).filter((v) => !(cannedVariables as readonly string[]).includes(v));
}

/** Fills `{{customer.name}}` and friends; a variable with no value becomes empty rather than showing braces to a customer. */
export function renderCanned(text: string, values: Partial<Record<CannedVariable, string>>): string {
  return text.replace(variablePattern, (_m, name: string) => values[name as CannedVariable] ?? '').replace(/[ \t]{2,}/g, ' ');
}
