import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as traditional } from '@scure/bip39/wordlists/traditional-chinese.js';
import { checkAgentMessage, maskDeep, maskText, scanText, securityWarning } from './index.js';
import { isResidentId, luhnValid } from './personal-data.js';

describe('guard: secrets', () => {
  test('a 24-word English phrase, numbered over lines, is hidden with a checksum-backed confidence', () => {
    const words = generateMnemonic(english, 256).split(' ');
    const text = `backup:\n${words.map((w, i) => `${i + 1}) ${w}`).join('\n')}`;
    const r = scanText(text);
    assert.equal(r.findings.length, 1);
    assert.equal(r.findings[0]!.type, 'seed_phrase');
    assert.equal(r.findings[0]!.confidence, 0.99);
    assert.ok(!words.some((w) => r.masked.includes(`) ${w}`)));
    assert.ok(r.masked.includes('[seed phrase hidden]'));
  });

  test('a Traditional Chinese phrase is hidden with a Chinese placeholder', () => {
    const phrase = generateMnemonic(traditional);
    const r = scanText(`我的助記詞 ${phrase}`);
    assert.equal(r.masked, '我的助記詞 [助记词已隐藏]');
  });

  test('ordinary Chinese prose made of list characters is left alone', () => {
    const text = '中国人民在这个大时代里生活得越来越好了，我们要为国家的发展出一份力';
    assert.equal(scanText(text).findings.length, 0);
  });

  test('a 64-hex string is a key unless it is named as a transaction hash; a 40-hex address is no secret', () => {
    const h = 'a'.repeat(32) + 'b'.repeat(32);
    assert.equal(scanText(`my private key ${h}`).findings[0]?.type, 'private_key');
    assert.equal(scanText(`txid ${h}`).findings.length, 0);
    assert.equal(scanText(`交易哈希：0x${h}`).findings.length, 0);
    assert.equal(scanText(`send to 0x${'c'.repeat(40)}`).findings.length, 0);
  });

  test('credentials: only the value is hidden, and complaints about a password are not', () => {
    assert.equal(maskText('密码是abc12345，验证码 483920'), '密码是[密码已隐藏]，验证码 [验证码已隐藏]');
    assert.equal(maskText('my password is Hunter2!'), 'my password is [password hidden]!');
    assert.equal(maskText('cvv 123', { lang: 'en' }), 'cvv [CVV hidden]');
    assert.equal(maskText('支付密码是 135790'), '支付密码是 [支付密码已隐藏]');
    for (const harmless of ['my password is wrong', 'error code 1001', 'promo code 8888 expired', '验证码收不到']) {
      assert.equal(maskText(harmless), harmless);
    }
  });
});

describe('guard: personal data', () => {
  test('cards, IDs, phones and e-mails are masked, not hidden', () => {
    const r = scanText('身份证 11010519491231002X 卡号 6222 0212 3456 7890 128 手机 +86 138-1234-5678 邮箱 zhang.san@example.com');
    assert.equal(r.masked, '身份证 110***********002X 卡号 622202*********0128 手机 138****5678 邮箱 z***@example.com');
    assert.equal(r.hasSecret, false);
  });

  test('a phone number next to a card number stays a phone number; order numbers are not cards', () => {
    const r = scanText('13812345678 6222021234567890128');
    assert.deepEqual(r.findings.map((f) => f.type), ['phone', 'bank_card']);
    assert.equal(scanText('订单号 6222021234567890128').findings.length, 0);
  });

  test('checksums', () => {
    assert.equal(isResidentId('11010519491231002X'), true);
    assert.equal(isResidentId('110105194912310021'), false);
    assert.equal(luhnValid('4111111111111111'), true);
    assert.equal(luhnValid('4111111111111112'), false);
  });
});

describe('guard: scams and agents', () => {
  test('impersonation scam stories raise the flag with their signals', () => {
    const r = scanText('有个自称客服的人让我把钱转到安全账户');
    assert.equal(r.scam, true);
    assert.deepEqual(r.scamSignals, ['impersonation', 'safe_account']);
    assert.equal(scanText('退款什么时候到账').scam, false);
  });

  test('agents may not ask for secrets, may warn about them, and may link only to allowed domains', () => {
    const allowedDomains = ['walletdesk.example'];
    assert.deepEqual(checkAgentMessage('请把助记词发给我', { allowedDomains }), { allowed: false, reason: 'asks_for_secret', detail: 'seed_phrase' });
    assert.equal(checkAgentMessage('what is the code you just received', { allowedDomains }).detail, 'verification_code');
    assert.equal(checkAgentMessage('send your private key so we can verify', { allowedDomains }).detail, 'private_key');
    assert.equal(checkAgentMessage('请不要把验证码告诉任何人。', { allowedDomains }).allowed, true);
    assert.equal(checkAgentMessage('You can reset your password under Settings > Security.', { allowedDomains }).allowed, true);
    // Asking verbs count as words, not as parts of words ("already" holds "read").
    assert.equal(checkAgentMessage('The private key stays on your phone; the transfer has already arrived.', { allowedDomains }).allowed, true);
    assert.equal(checkAgentMessage('Please read me the private key.', { allowedDomains }).detail, 'private_key');
    assert.deepEqual(checkAgentMessage('log in at http://walletdesk-verify.top/login', { allowedDomains }), { allowed: false, reason: 'link_not_allowed', detail: 'walletdesk-verify.top' });
    assert.equal(checkAgentMessage('see https://help.walletdesk.example/a/1', { allowedDomains }).allowed, true);
  });

  test('the warning exists in both languages', () => {
    assert.match(securityWarning('zh-CN'), /助记词/);
    assert.match(securityWarning('en'), /seed phrase/);
  });

  test('maskDeep masks strings anywhere in a structure and keeps its shape', () => {
    const out = maskDeep({ a: ['验证码 483920'], b: { c: 'my password is Hunter2!' }, n: 3, d: null });
    assert.deepEqual(out, { a: ['验证码 [验证码已隐藏]'], b: { c: 'my password is [password hidden]!' }, n: 3, d: null });
  });
});
