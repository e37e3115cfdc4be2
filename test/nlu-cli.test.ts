// The `walletdesk nlu` commands as benchmarks and operators script them: real processes, real
// files, and the exact JSON each command promises.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvField } from '../src/modules/bot/nlu/index.js';

interface Run { code: number | null; stdout: string; stderr: string }

function cli(args: string[], stdin = ''): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'nlu', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const examples: Record<string, string[]> = {
  top_up_not_arrived: ['充值没到账', '充值了余额没变', 'my top up has not arrived', 'topped up but balance unchanged', '充值一直没到', 'where is my top up, it is missing'],
  withdrawal_how: ['怎么提现', '提现到银行卡', 'how do I withdraw', 'withdraw money to my bank', '提现步骤', 'how to cash out'],
  human_agent: ['转人工', '我要找客服', 'talk to a human', 'real person please', '找真人', 'connect me to an agent'],
};
const csv = (header: string, rows: string[][]) => `${header}\n${rows.map((r) => r.map(csvField).join(',')).join('\n')}\n`;

describe('walletdesk nlu (command line)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'walletdesk-nlu-'));
    await writeFile(join(dir, 'train.csv'), csv('text,category', Object.entries(examples).flatMap(([c, texts]) => texts.map((t) => [t, c]))));
    await writeFile(join(dir, 'test.csv'), csv('text,category', [['充值还没到账', 'top_up_not_arrived'], ['how can I withdraw', 'withdrawal_how'], ['转人工客服', 'human_agent'], ['"quoted", with comma: talk to a human', 'human_agent']]));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('train writes a model; eval prints exactly n, accuracy, macro_f1, p50_ms, p99_ms', async () => {
    const train = await cli(['train', '--data', join(dir, 'train.csv'), '--out', join(dir, 'model.bin')]);
    assert.equal(train.code, 0, train.stderr);
    assert.ok((await readFile(join(dir, 'model.bin'))).length > 0);

    const run = await cli(['eval', '--model', join(dir, 'model.bin'), '--data', join(dir, 'test.csv')]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    const result = JSON.parse(lines[0]!) as Record<string, number>;
    assert.deepEqual(Object.keys(result), ['n', 'accuracy', 'macro_f1', 'p50_ms', 'p99_ms']);
    assert.equal(result.n, 4);
    assert.equal(result.accuracy, 1);
    assert.equal(result.macro_f1, 1);
    assert.ok(result.p50_ms! >= 0 && result.p99_ms! >= result.p50_ms!);
  });

  test('predict answers one JSON line per input line with intent, confidence and the top 3', async () => {
    const run = await cli(['predict', '--model', join(dir, 'model.bin')], '充值没到账怎么办\nI want a real person\n');
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { intent: string; confidence: number; top: { intent: string; confidence: number }[] });
    assert.deepEqual(lines.map((l) => l.intent), ['top_up_not_arrived', 'human_agent']);
    for (const l of lines) {
      assert.deepEqual(Object.keys(l), ['intent', 'confidence', 'top']);
      assert.equal(l.top.length, 3);
      assert.deepEqual(Object.keys(l.top[0]!), ['intent', 'confidence']);
      assert.equal(l.top[0]!.intent, l.intent);
      assert.equal(l.top[0]!.confidence, l.confidence);
      assert.ok(l.confidence > 0 && l.confidence <= 1);
    }
  });

  test('similarity prints one score in [0,1] per pair in input order, with or without --train', async () => {
    const pairs = [['充值多久到账', '充值要多久才到账', '1'], ['充值多久到账', '怎么修改支付密码', '0'], ['how long does a top up take', 'how long for a top up', '1'], ['how long does a top up take', 'what is the withdrawal fee', '0']];
    await writeFile(join(dir, 'pairs.csv'), csv('sentence1,sentence2', pairs.map((p) => p.slice(0, 2))));
    await writeFile(join(dir, 'labelled.csv'), csv('sentence1,sentence2,label', pairs));
    for (const extra of [[], ['--train', join(dir, 'labelled.csv')]]) {
      const run = await cli(['similarity', '--data', join(dir, 'pairs.csv'), ...extra]);
      assert.equal(run.code, 0, run.stderr);
      const scores = run.stdout.trim().split('\n').map(Number);
      assert.equal(scores.length, 4);
      for (const s of scores) assert.ok(s >= 0 && s <= 1, String(s));
      assert.ok(scores[0]! > scores[1]! && scores[2]! > scores[3]!, scores.join(' '));
    }
  });

  test('a CSV without the required columns fails with a message and a non-zero exit', async () => {
    await writeFile(join(dir, 'bad.csv'), 'sentence,label\nhi,1\n');
    const run = await cli(['train', '--data', join(dir, 'bad.csv'), '--out', join(dir, 'x.bin')]);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /"text" column/);
  });
});
