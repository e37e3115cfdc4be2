// Guard quality on the labelled corpus, and throughput on chat-like text (one core) beside a plain
// regular-expression scan of the same messages: the naive alternative that checks no context,
// no checksums and no word lists. Throughput is measured on the compiled build the server runs
// (the on-the-fly TypeScript loader adds per-call wrappers that cost a third of the speed).
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { loadGuardCorpus, scoreCorpus } from '../../test/support/guard-corpus.js';
import { report } from '../support/report.js';

execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit' });
const { scanText } = (await import(pathToFileURL('dist/modules/guard/index.js').href)) as typeof import('../../src/modules/guard/index.js');

const cases = loadGuardCorpus();
const score = scoreCorpus(cases);
for (const [type, v] of Object.entries(score.byType)) {
  report('guard', { figure: 'quality', type, precision: +v.precision.toFixed(4), recall: +v.recall.toFixed(4), tp: v.tp, fp: v.fp, fn: v.fn });
}
report('guard', { figure: 'quality_overall', cases: cases.length, secret_recall: +score.secretRecall.toFixed(4), overall_precision: +score.overallPrecision.toFixed(4), scam_accuracy: +score.scamAccuracy.toFixed(4), target_secret_recall: 0.99, target_precision: 0.98 });

// Chat-like traffic: mostly ordinary questions; one message in 20 is a corpus case (a secret,
// personal data, a scam story or a hard negative), far denser than real chat.
const chatter = [
  '你好，请问充值一直没到账怎么办？', 'hi, my transfer is still pending since yesterday', '好的谢谢', 'ok thanks!', '我昨天下午3点转了500块给我妈，现在还没到',
  'why did my payment fail at the supermarket', '转人工', 'can I talk to a real person please', '提现到银行卡要多久？', 'the app keeps crashing after the update',
];
const messages: string[] = [];
let bytes = 0;
for (let i = 0; bytes < 4 * 1024 * 1024; i++) {
  const text = i % 20 === 0 ? cases[(i / 20) % cases.length]!.text : chatter[i % chatter.length]!;
  messages.push(text);
  bytes += Buffer.byteLength(text);
}

const naive = [/\b(?:0x)?[0-9a-f]{64}\b/gi, /\d{4,19}/g, /(password|passcode|密码|验证码|code|cvv|pin)\W{0,3}\S+/gi, /[\w.+-]+@[\w-]+\.[\w.]+/g, /\b[a-z]+(?:\s+[a-z]+){11,23}\b/g];
function naiveScan(text: string): number {
  let n = 0;
  for (const re of naive) for (const _ of text.matchAll(re)) n++;
  return n;
}

function throughput(fn: (t: string) => unknown): number {
  for (let i = 0; i < 2000; i++) fn(messages[i % messages.length]!);
  const start = performance.now();
  let rounds = 0;
  while (performance.now() - start < 3000) {
    for (const m of messages) fn(m);
    rounds++;
  }
  return (bytes * rounds) / 1024 / 1024 / ((performance.now() - start) / 1000);
}

const ours = throughput((t) => scanText(t));
const baseline = throughput(naiveScan);
report('guard', { figure: 'throughput_chat_text', value: +ours.toFixed(1), unit: 'MB/s', single_thread: true, messages: messages.length, target: 20, baseline_plain_regex_mb_s: +baseline.toFixed(1), ratio_to_baseline: +(ours / baseline).toFixed(2) });
