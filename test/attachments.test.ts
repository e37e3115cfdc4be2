import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { signIn, testApp } from './support/app.js';
import { backends } from './support/databases.js';
import { allowedSamples, scriptSamples } from './support/sample-files.js';
import { openSocket } from './support/ws.js';

const maxBytes = 3 * 1024 * 1024;
const ttlSeconds = 300;

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wd-attachments-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file under the attachments folder, temporary ones included. */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'attachments'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

/** A real PNG with arbitrary bytes after its end, so byte-for-byte comparisons cover more than a header. */
const pngOf = (size: number) => Buffer.concat([allowedSamples['image/png'], randomBytes(size - allowedSamples['image/png'].length)]);

for (const backend of backends) {
  describe(`chat attachments (${backend})`, async () => {
    const dataDir = tempDir();
    let now = Date.now();
    const app = await testApp({ backend, clock: () => new Date(now), env: { DATA_DIR: dataDir, ATTACHMENT_MAX_BYTES: String(maxBytes), ATTACHMENT_URL_TTL_SECONDS: String(ttlSeconds) } });
    const base = await app.listen();
    const wsUrl = `${base.replace(/^http/, 'ws')}/api/v1/realtime`;
    const agent = await signIn(app, 'li.na@walletdesk.local', 'agent-demo-2026');

    async function customer(customerId: string) {
      const token = (await app.http.inject({ method: 'POST', url: '/api/v1/demo/customer-tokens', payload: { customerId } })).json().token as string;
      const headers = { 'x-customer-token': token };
      const conversationId = (await app.http.inject({ method: 'POST', url: '/api/v1/widget/conversations', headers, payload: { channel: 'app' } })).json().id as string;
      return { headers, conversationId };
    }
    const alice = await customer('demo-alice');
    const bob = await customer('demo-bob');

    const upload = (who: { headers: Record<string, string> }, conversationId: string, bytes: Buffer, query: Record<string, string>, contentType = 'application/octet-stream') =>
      app.http.inject({
        method: 'POST',
        url: `/api/v1/widget/conversations/${conversationId}/attachments?${new URLSearchParams(query)}`,
        headers: { ...who.headers, 'content-type': contentType },
        payload: bytes,
      });
    const linkFor = (headers: Record<string, string>, path: string) => app.http.inject({ method: 'GET', url: `${path}/link`, headers });
    const fetchLink = (url: string) => app.http.inject({ method: 'GET', url: url.slice(app.config.publicUrl.length) });

    let first: { id: string; attachmentId: string; bytes: Buffer };

    test('a PNG named .pdf is stored as image/png, pushed to the agent following the chat, and served byte for byte', async () => {
      const desk = await openSocket(wsUrl, { cookie: agent.headers.cookie! });
      await desk.request({ type: 'agent.follow', conversationId: alice.conversationId });
      // Larger than the JSON body limit: the upload route has its own.
      const bytes = pngOf(2 * 1024 * 1024);
      const res = await upload(alice, alice.conversationId, bytes, { clientId: 'file-1', name: 'receipt.pdf' }, 'application/pdf');
      assert.equal(res.statusCode, 201, res.body);
      const { message } = res.json();
      const attachment = message.payload.attachment;
      assert.deepEqual([message.kind, message.author, message.seq], ['attachment', 'customer', 1]);
      assert.deepEqual(attachment, { id: attachment.id, name: 'receipt.png', contentType: 'image/png', size: bytes.length });

      const pushed = await desk.next((f) => f.type === 'message');
      assert.deepEqual(pushed.message, message);

      const [row] = await app.db.query<{ content_type: string; sha256: string; message_id: string; uploader_type: string; size_bytes: string }>('select * from attachments where id = $1', [attachment.id]);
      assert.deepEqual(
        [row!.content_type, row!.sha256, row!.message_id, row!.uploader_type, Number(row!.size_bytes)],
        ['image/png', createHash('sha256').update(bytes).digest('hex'), message.id, 'customer', bytes.length],
      );
      assert.deepEqual(filesUnder(dataDir), [join(dataDir, 'attachments', attachment.id.slice(-2), attachment.id)]);

      const link = await linkFor(alice.headers, `/api/v1/widget/conversations/${alice.conversationId}/attachments/${attachment.id}`);
      assert.equal(link.statusCode, 200, link.body);
      assert.equal(new Date(link.json().expiresAt).getTime(), Math.floor(now / 1000) * 1000 + ttlSeconds * 1000);
      const served = await fetchLink(link.json().url);
      assert.equal(served.statusCode, 200, served.body);
      assert.equal(served.headers['content-type'], 'image/png');
      assert.equal(served.headers['x-content-type-options'], 'nosniff');
      assert.match(String(served.headers['content-security-policy']), /default-src 'none'.*sandbox/);
      assert.match(String(served.headers['content-disposition']), /^inline; filename="receipt.png"/);
      assert.ok(served.rawPayload.equals(bytes), 'the bytes served are the bytes uploaded');
      first = { id: message.id, attachmentId: attachment.id, bytes };
    });

    test('a retry with the same clientId returns the first message and keeps no second file', async () => {
      const res = await upload(alice, alice.conversationId, first.bytes, { clientId: 'file-1', name: 'receipt.pdf' });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual([res.json().duplicate, res.json().message.id], [true, first.id]);
      assert.equal(filesUnder(dataDir).length, 1);
      const [count] = await app.db.query<{ n: number }>('select count(*)::int as n from attachments');
      assert.equal(count!.n, 1);
    });

    test('HTML or SVG is refused whatever its name and declared type, and nothing is kept', async () => {
      for (const [name, bytes] of [['invoice.png', scriptSamples.html], ['logo.png', scriptSamples.svg], ['logo.svg', scriptSamples.xmlSvg]] as const) {
        const res = await upload(alice, alice.conversationId, bytes, { clientId: `script-${name}`, name }, 'image/png');
        assert.deepEqual([res.statusCode, res.json().error.code], [415, 'ATTACHMENT_TYPE_NOT_ALLOWED'], name);
      }
      assert.equal(filesUnder(dataDir).length, 1);
      const [count] = await app.db.query<{ n: number }>("select count(*)::int as n from messages where kind = 'attachment'");
      assert.equal(count!.n, 1);
    });

    test('a file over the limit is refused and nothing is written', async () => {
      const res = await upload(alice, alice.conversationId, pngOf(maxBytes + 1), { clientId: 'too-big', name: 'big.png' });
      assert.deepEqual([res.statusCode, res.json().error.code, res.json().error.details], [413, 'ATTACHMENT_TOO_LARGE', { maxBytes }]);
      assert.equal(filesUnder(dataDir).length, 1);
    });

    test('file names are masked by the guard before they are kept', async () => {
      const res = await upload(alice, alice.conversationId, allowedSamples['application/pdf'], { clientId: 'named', name: '身份证 110101199003074514 13812345678.pdf' });
      assert.equal(res.statusCode, 201, res.body);
      const stored = (await app.db.query<{ original_name: string }>('select original_name from attachments where id = $1', [res.json().message.payload.attachment.id]))[0]!.original_name;
      assert.ok(!stored.includes('110101199003074514') && !stored.includes('13812345678'), stored);
      assert.match(stored, /\.pdf$/);
      const link = await linkFor(alice.headers, `/api/v1/widget/conversations/${alice.conversationId}/attachments/${res.json().message.payload.attachment.id}`);
      assert.match(String((await fetchLink(link.json().url)).headers['content-disposition']), /^attachment; /, 'PDFs are downloaded, never shown in the page');
    });

    test('another customer can neither get a link to the file nor send into the conversation', async () => {
      const path = `/api/v1/widget/conversations/${alice.conversationId}/attachments/${first.attachmentId}`;
      const link = await linkFor(bob.headers, path);
      assert.deepEqual([link.statusCode, link.json().error.code], [404, 'CONVERSATION_NOT_FOUND']);
      const sent = await upload(bob, alice.conversationId, allowedSamples['image/gif'], { clientId: 'intruder' });
      assert.deepEqual([sent.statusCode, sent.json().error.code], [404, 'CONVERSATION_NOT_FOUND']);
      // Nor through their own conversation with someone else's attachment id.
      const sideways = await linkFor(bob.headers, `/api/v1/widget/conversations/${bob.conversationId}/attachments/${first.attachmentId}`);
      assert.equal(sideways.statusCode, 404);
      assert.equal(filesUnder(dataDir).length, 2);
    });

    test('staff send files to the customer and open the customer\'s', async () => {
      const res = await app.http.inject({
        method: 'POST',
        url: `/api/v1/conversations/${alice.conversationId}/attachments?clientId=agent-file&name=guide.jpg`,
        headers: { ...agent.headers, 'content-type': 'image/jpeg' },
        payload: allowedSamples['image/jpeg'],
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual([res.json().message.author, res.json().message.payload.attachment.contentType], ['agent', 'image/jpeg']);
      const link = await linkFor(agent.headers, `/api/v1/conversations/${alice.conversationId}/attachments/${first.attachmentId}`);
      assert.equal(link.statusCode, 200, link.body);
      assert.ok((await fetchLink(link.json().url)).rawPayload.equals(first.bytes));
    });

    test('a link stops working when it expires, and an altered one never works', async () => {
      const link = (await linkFor(alice.headers, `/api/v1/widget/conversations/${alice.conversationId}/attachments/${first.attachmentId}`)).json().url as string;
      const url = new URL(link);
      const altered = (name: string, value: string) => {
        const copy = new URL(url);
        copy.searchParams.set(name, value);
        return copy.toString();
      };
      for (const forged of [altered('expires', String(Number(url.searchParams.get('expires')) + 3600)), altered('signature', 'x'.repeat(43)), link.replace(first.attachmentId, '0190f3a2-7c1e-7b2a-9f00-3c5d2e1a4b7f')]) {
        const res = await fetchLink(forged);
        assert.deepEqual([res.statusCode, res.json().error.code], [404, 'ATTACHMENT_URL_INVALID'], forged);
      }
      now += (ttlSeconds + 1) * 1000;
      const late = await fetchLink(link);
      assert.deepEqual([late.statusCode, late.json().error.code], [403, 'ATTACHMENT_URL_EXPIRED']);
    });
  });
}

describe('chat attachments without a usable DATA_DIR', async () => {
  let logs = '';
  const logTo = new Writable({ write(chunk, _enc, done) { logs += chunk.toString(); done(); } });
  // A regular file where the folder should be: not even root can create folders under it.
  const notAFolder = join(tempDir(), 'data');
  writeFileSync(notAFolder, '');
  const app = await testApp({ env: { DATA_DIR: notAFolder, LOG_LEVEL: 'error' }, logTo });

  test('the upload fails, and the log says which folder and which setting', async () => {
    const token = (await app.http.inject({ method: 'POST', url: '/api/v1/demo/customer-tokens', payload: { customerId: 'demo-alice' } })).json().token as string;
    const headers = { 'x-customer-token': token };
    const conversationId = (await app.http.inject({ method: 'POST', url: '/api/v1/widget/conversations', headers, payload: {} })).json().id as string;
    const res = await app.http.inject({ method: 'POST', url: `/api/v1/widget/conversations/${conversationId}/attachments?clientId=x`, headers: { ...headers, 'content-type': 'image/png' }, payload: allowedSamples['image/png'] });
    assert.deepEqual([res.statusCode, res.json().error.code], [500, 'INTERNAL_ERROR']);
    assert.match(logs, /attachments cannot be stored: the folder .*data\/attachments\/\w\w cannot be created \(check DATA_DIR\)/);
    assert.equal(readFileSync(notAFolder, 'utf8'), '');
  });
});
