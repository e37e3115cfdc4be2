import { availableParallelism } from 'node:os';

/** One JSON line per figure, always with the machine's core count, as the README table expects. */
export function report(bench: string, figure: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ bench, ...figure, cores: availableParallelism(), node: process.version })}\n`);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
