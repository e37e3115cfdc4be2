/**
 * node:test runs every suite's body as its file is imported, and test/all.ts imports every file
 * before the first test runs: without a limit, every suite's app (a database clone, demo seeds, a
 * browser) would start at once and the first suites would run on a starved machine. Set-ups pass
 * through here two at a time, in import order, which is also the order the suites run in.
 */
const width = 2;
let running = 0;
const waiting: (() => void)[] = [];

export async function gated<T>(setUp: () => Promise<T>): Promise<T> {
  if (running >= width) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await setUp();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}
