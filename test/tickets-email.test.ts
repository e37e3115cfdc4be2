import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import { backends } from './support/databases.js';
import { signIn, testApp } from './support/app.js';
import { smtpPeer } from './support/smtp-peer.js';

/**
 * E-mail as a channel, end to end over real SMTP: a customer's mail client sends to WalletDesk's
 * listener, WalletDesk's replies go out through a relay (a real SMTP server here), and the
 * customer answers the reply from their mail client.
 */
for (const backend of backends) {
  describe(`tickets by e-mail over SMTP (${backend})`, async () => {
    const relay = await smtpPeer();
    const app = await testApp({
      backend,
      env: { EMAIL_INBOUND: 'true', SMTP_LISTEN_PORT: '0', SMTP_LISTEN_HOST: '127.0.0.1', SUPPORT_EMAIL: 'help@wallet.example', SMTP_RELAY_URL: relay.url, EMAIL_POLL_MS: '50' },
    });
    await app.listen();
    const { port } = (await app.email.listen())!;
    const customerMailer = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    const agent = await signIn(app, 'sam.chen@walletdesk.local', 'agent-demo-2026');
    const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => app.http.inject({ method, url, headers: agent.headers, ...(payload ? { payload } : {}) });
    const ticketsOf = async (q: string) => (await call('GET', `/api/v1/tickets?q=${encodeURIComponent(q)}`)).json().items as { id: string; reference: string; subject: string; status: string; channel: string }[];

    test('a mail opens a ticket, the acknowledgement and the agent reply go out threaded, and the customer reply threads back in', async () => {
      await customerMailer.sendMail({
        from: '"Wang Fang" <wang.fang@example.com>',
        to: 'help@wallet.example',
        subject: 'Top-up of 500 CNY not arrived',
        text: 'Hello, I topped up 500 CNY yesterday at 20:15 and it has not arrived. Reference TX-88231. My payment PIN is 839201.',
      });
      const [ticket] = await ticketsOf('Top-up of 500');
      assert.ok(ticket, 'the mail opened a ticket');
      assert.equal(ticket.channel, 'email');
      const detail = (await call('GET', `/api/v1/tickets/${ticket.id}`)).json();
      assert.match(detail.entries[0].body, /TX-88231/);
      assert.ok(!detail.entries[0].body.includes('839201'), 'the PIN was masked before storage');
      assert.equal(detail.ticket.requesterEmail, 'wang.fang@example.com');

      // The acknowledgement carries the reference and a link to follow the request.
      await relay.until(() => relay.delivered.some((d) => d.mail.subject?.includes(ticket.reference)));
      const ack = relay.delivered.find((d) => d.mail.subject?.includes(ticket.reference))!;
      assert.deepEqual(ack.envelope.to, ['wang.fang@example.com']);
      assert.match(ack.mail.text ?? '', /\/help\/requests\//);

      const reply = await call('POST', `/api/v1/tickets/${ticket.id}/replies`, { body: 'We asked the bank to trace TX-88231. Could you send the bank statement line?', status: 'pending' });
      assert.equal(reply.statusCode, 201, reply.body);
      await relay.until(() => relay.delivered.some((d) => (d.mail.text ?? '').includes('bank statement line')));
      const out = relay.delivered.find((d) => (d.mail.text ?? '').includes('bank statement line'))!;
      assert.ok(out.mail.messageId, 'outbound mail has a Message-ID');
      assert.ok(out.mail.inReplyTo, 'and threads under the earlier mail');

      // The customer answers from their mail client: In-Reply-To and the quoted history as usual.
      await customerMailer.sendMail({
        from: 'wang.fang@example.com',
        to: 'help@wallet.example',
        subject: `Re: ${out.mail.subject}`,
        inReplyTo: out.mail.messageId,
        references: [out.mail.messageId!],
        text: `Here is the line: 2026-11-23 20:15 -500.00 WALLET TOPUP\n\nOn Tue, 24 Nov 2026 at 10:00, WalletDesk Support <help@wallet.example> wrote:\n> We asked the bank to trace TX-88231. Could you send the bank statement line?\n`,
      });
      const threaded = (await call('GET', `/api/v1/tickets/${ticket.id}`)).json();
      const last = threaded.entries.filter((e: { kind: string }) => e.kind === 'reply').at(-1);
      assert.equal(last.authorType, 'customer');
      assert.equal(last.via, 'email');
      assert.match(last.body, /WALLET TOPUP/);
      assert.ok(!last.body.includes('Could you send'), 'quoted history is stripped');
      assert.equal(threaded.ticket.status, 'open', "the customer's answer puts the ticket back in work");
      assert.equal((await ticketsOf('Top-up of 500')).length, 1, 'no second ticket');
    });

    test('a stranger quoting a reference gets a ticket of their own', async () => {
      const [ticket] = await ticketsOf('Top-up of 500');
      await customerMailer.sendMail({ from: 'mallory@example.net', to: 'help@wallet.example', subject: `[#${ticket!.reference}] please refund to me`, text: 'Send the money to my card instead.' });
      const own = (await call('GET', `/api/v1/tickets/${ticket!.id}`)).json();
      assert.ok(!own.entries.some((e: { body: string }) => e.body.includes('my card instead')));
      assert.equal((await ticketsOf('please refund to me')).length, 1);
    });
  });
}
