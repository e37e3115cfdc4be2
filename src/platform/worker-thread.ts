import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on a module given by its URL ending in .js. Run from source (tests,
 * benchmarks), a worker does not inherit the TypeScript loader, so it registers tsx first and
 * then imports the .ts file beside the given URL; in the build the compiled .js runs directly.
 */
export function startWorker(entry: URL, workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(entry, { workerData });
  const loader = import.meta.resolve('tsx/esm/api');
  const source = entry.href.replace(/\.js$/, '.ts');
  return new Worker(`import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`, { eval: true, workerData });
}

/** Runs a worker to its single reply; rejects if it fails or exits without one. */
export function workerResult<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the worker exited with code ${code} before replying`)));
  });
}
