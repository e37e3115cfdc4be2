// Worker-thread entry: the concept table built off the event loop (concepts.ts, loadConcepts).
import { parentPort } from 'node:worker_threads';
import { conceptTable } from './concepts.js';

parentPort!.postMessage(conceptTable());
