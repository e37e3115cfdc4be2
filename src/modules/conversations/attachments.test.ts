import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/http/app-error.js';
import { allowedSamples, scriptSamples } from '../../../test/support/sample-files.js';
import { assertSize, contentDisposition, fileName, signLink, sniffType, storageKey, verifyLink } from './attachments.js';

const refusedWith = (code: string) => (err: unknown) => err instanceof AppError && err.code === code;

describe('attachment rules', () => {
  test('each allowed format is recognised from its bytes', async () => {
    for (const [mime, bytes] of Object.entries(allowedSamples)) assert.equal(await sniffType(bytes), mime);
  });

  test('formats that can run script, and anything unrecognised, are refused', async () => {
    const refused = [
      ...Object.values(scriptSamples),
      Buffer.from('just some text that claims to be a picture'),
      Buffer.alloc(0),
      Buffer.from('504b0304140000000800', 'hex'), // a ZIP, and so an office document
    ];
    for (const bytes of refused) await assert.rejects(sniffType(bytes), refusedWith('ATTACHMENT_TYPE_NOT_ALLOWED'), bytes.toString());
  });

  test('size: the limit itself passes, one byte more does not', () => {
    assertSize(1024, 1024);
    assert.throws(() => assertSize(1025, 1024), refusedWith('ATTACHMENT_TOO_LARGE'));
  });

  test('the offered name keeps the sender\'s name but the real type\'s extension, and no folders or control characters', () => {
    assert.equal(fileName('receipt.pdf', 'image/png'), 'receipt.png');
    assert.equal(fileName('../../etc/passwd', 'application/pdf'), 'passwd.pdf');
    assert.equal(fileName('C:\\Users\\li\\扫描件.JPG', 'image/jpeg'), '扫描件.jpg');
    assert.equal(fileName('bad"\r\nname.gif', 'image/gif'), 'badname.gif');
    assert.equal(fileName('', 'image/webp'), 'attachment.webp');
    assert.equal(fileName(`${'x'.repeat(500)}.png`, 'image/png').length, 120 + '.png'.length);
  });

  test('images open inline, PDFs download; the header survives any name', () => {
    assert.equal(contentDisposition('a.png', 'image/png'), `inline; filename="a.png"; filename*=UTF-8''a.png`);
    const pdf = contentDisposition("账单 (1)'s.pdf", 'application/pdf');
    assert.equal(pdf, `attachment; filename="__ (1)'s.pdf"; filename*=UTF-8''%E8%B4%A6%E5%8D%95%20%281%29%27s.pdf`);
  });

  test('files spread over folders by the random end of their id', () => {
    assert.equal(storageKey('0190f3a2-7c1e-7b2a-9f00-3c5d2e1a4b7f'), '7f/0190f3a2-7c1e-7b2a-9f00-3c5d2e1a4b7f');
  });

  describe('signed links', () => {
    const key = 'k'.repeat(43);
    const id = '0190f3a2-7c1e-7b2a-9f00-3c5d2e1a4b7f';
    const expiresAt = new Date('2026-03-01T10:05:00Z');
    const link = signLink(key, id, expiresAt);

    test('work until they expire, then are refused as expired', () => {
      verifyLink(key, link, new Date(expiresAt.getTime() - 1));
      assert.throws(() => verifyLink(key, link, expiresAt), refusedWith('ATTACHMENT_URL_EXPIRED'));
    });

    test('are bound to the file, the expiry and the key', () => {
      const now = new Date(expiresAt.getTime() - 60_000);
      const other = '0190f3a2-7c1e-7b2a-9f00-3c5d2e1a4b80';
      assert.throws(() => verifyLink(key, { ...link, attachmentId: other }, now), refusedWith('ATTACHMENT_URL_INVALID'));
      assert.throws(() => verifyLink(key, { ...link, expires: link.expires + 3600 }, now), refusedWith('ATTACHMENT_URL_INVALID'));
      assert.throws(() => verifyLink('another-key', link, now), refusedWith('ATTACHMENT_URL_INVALID'));
      assert.throws(() => verifyLink(key, { ...link, signature: link.signature.slice(1) }, now), refusedWith('ATTACHMENT_URL_INVALID'));
    });

    test('a forged link is refused as invalid even when its time has passed', () => {
      assert.throws(() => verifyLink(key, { ...link, signature: 'A'.repeat(43) }, new Date(expiresAt.getTime() + 1)), refusedWith('ATTACHMENT_URL_INVALID'));
    });
  });
});
