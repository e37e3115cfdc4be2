import { seededRandom } from '../../../platform/random.js';
import type { SparseVector } from './features.js';
import { shuffle, softmaxInPlace } from './linear.js';

/**
 * One hidden layer of rectified units over the sparse features: `w1` feature-major
 * (`w1[f * hidden + j]`, so a row reads contiguous memory, as in `LinearModel`), `w2` unit-major
 * (`w2[j * classes + c]`).
 */
export interface MlpModel {
  dimension: number;
  hidden: number;
  classes: number;
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

export interface MlpOptions {
  hidden: number;
  /** Passes over the data: at least `minEpochs`, more for small data so that it makes `minSteps` updates, at most `maxEpochs`. */
  minEpochs: number;
  maxEpochs: number;
  minSteps: number;
  /** Step of the input layer (plain SGD), and of the output layer and biases (Adam); both decay linearly to 5%. */
  inputRate: number;
  outputRate: number;
  /** Share of hidden units dropped at each training step. */
  dropout: number;
  /** Standard deviation of the input weights at the start. */
  initScale: number;
  seed: number;
}

export const defaultMlpOptions: MlpOptions = { hidden: 128, minEpochs: 10, maxEpochs: 30, minSteps: 64_000, inputRate: 0.1, outputRate: 0.001, dropout: 0.5, initScale: 0.2, seed: 11 };

export const mlpEpochs = (n: number, o: MlpOptions) => Math.max(o.minEpochs, Math.min(o.maxEpochs, Math.ceil(o.minSteps / Math.max(n, 1))));

/** The hidden units of one row, rectified, into `h`. */
function hiddenUnits(model: MlpModel, row: SparseVector, h: Float32Array): void {
  const { hidden: H, w1 } = model;
  h.set(model.b1);
  const { idx, val } = row;
  for (let p = 0; p < idx.length; p++) {
    const base = idx[p]! * H;
    const x = val[p]!;
    for (let j = 0; j < H; j++) h[j]! += w1[base + j]! * x;
  }
  for (let j = 0; j < H; j++) if (h[j]! < 0) h[j] = 0;
}

/** Adds the class scores of hidden units `h`, times `weight`, to `out`. */
function addOutputs(model: MlpModel, h: Float32Array, out: Float64Array, weight: number): void {
  const { hidden: H, classes: C, w2, b2 } = model;
  for (let c = 0; c < C; c++) out[c]! += weight * b2[c]!;
  for (let j = 0; j < H; j++) {
    const hj = h[j]! * weight;
    if (hj === 0) continue;
    const base = j * C;
    for (let c = 0; c < C; c++) out[c]! += w2[base + c]! * hj;
  }
}

/** Adds the network's logits for one row, times `weight`, to `out` (e.g. a linear model's scores). */
export function addMlpScores(model: MlpModel, row: SparseVector, out: Float64Array, weight = 1): Float64Array {
  const h = new Float32Array(model.hidden);
  hiddenUnits(model, row, h);
  addOutputs(model, h, out, weight);
  return out;
}

/**
 * Softmax cross-entropy, one example at a time. The input layer is as large as the vocabulary
 * times the hidden units, and each step touches only the row's nonzeros: plain SGD there costs two
 * operations per weight, where Adam's moments cost five times as much for no measured gain. The
 * small dense output layer takes Adam, which made it converge in fewer passes than SGD did.
 */
export function trainMlp(rows: readonly SparseVector[], labels: Int32Array, classes: number, dimension: number, options: MlpOptions = defaultMlpOptions): MlpModel {
  const { hidden: H, dropout } = options;
  const C = classes;
  const random = seededRandom(options.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
  const w1 = Float32Array.from({ length: dimension * H }, () => gauss() * options.initScale);
  const w2 = Float32Array.from({ length: H * C }, () => gauss() * Math.sqrt(0.5 / H));
  const model: MlpModel = { dimension, hidden: H, classes: C, w1, b1: new Float32Array(H), w2, b2: new Float32Array(C) };
  const adam = new Adam(H * C + H + C);
  const h = new Float32Array(H);
  const z = new Float64Array(C);
  const gh = new Float32Array(H);
  const order = Int32Array.from({ length: rows.length }, (_, i) => i);
  const epochs = mlpEpochs(rows.length, options);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random.next);
    const decay = 1 - (0.95 * epoch) / epochs;
    const inputStep = options.inputRate * decay;
    for (const i of order) {
      const row = rows[i]!;
      hiddenUnits(model, row, h);
      for (let j = 0; j < H; j++) h[j] = random.next() < dropout ? 0 : h[j]! / (1 - dropout);
      z.fill(0);
      addOutputs(model, h, z, 1);
      softmaxInPlace(z);
      z[labels[i]!]! -= 1;
      adam.begin(options.outputRate * decay);
      for (let j = 0; j < H; j++) {
        const hj = h[j]!;
        gh[j] = 0;
        // A unit that is off (or dropped) passes no gradient: its output weights keep their moments as they are.
        if (hj === 0) continue;
        const base = j * C;
        let g = 0;
        for (let c = 0; c < C; c++) {
          g += w2[base + c]! * z[c]!;
          adam.update(w2, base + c, base + c, z[c]! * hj);
        }
        gh[j] = g / (1 - dropout);
      }
      for (let j = 0; j < H; j++) adam.update(model.b1, j, H * C + j, gh[j]!);
      for (let c = 0; c < C; c++) adam.update(model.b2, c, H * C + H + c, z[c]!);
      const { idx, val } = row;
      for (let p = 0; p < idx.length; p++) {
        const base = idx[p]! * H;
        const x = val[p]! * inputStep;
        for (let j = 0; j < H; j++) w1[base + j]! -= gh[j]! * x;
      }
    }
  }
  return model;
}

/** Adam (Kingma and Ba 2015), its moments indexed over the output layer, hidden biases and output biases in turn. */
class Adam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private t = 0;
  private a = 0;

  constructor(size: number) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  /** Starts a step at this rate (with the bias correction of the step's number). */
  begin(rate: number): void {
    this.t++;
    this.a = (rate * Math.sqrt(1 - 0.999 ** this.t)) / (1 - 0.9 ** this.t);
  }

  /** Moves `w[k]`, whose moments are at `q`, against gradient `g`. */
  update(w: Float32Array, k: number, q: number, g: number): void {
    const m = (this.m[q] = 0.9 * this.m[q]! + 0.1 * g);
    const v = (this.v[q] = 0.999 * this.v[q]! + 0.001 * g * g);
    w[k]! -= (this.a * m) / (Math.sqrt(v) + 1e-8);
  }
}
