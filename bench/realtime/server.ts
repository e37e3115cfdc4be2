// WalletDesk under load: the real application, built as `walletdesk serve` builds it, on the
// database the bench chose through the environment (DATA_DIR for PGlite, DATABASE_URL for
// PostgreSQL). Before the messages flow, every conversation is transferred to (and accepted by)
// the demo agent whose consoles follow them: customers talking to a person, so the bot stays quiet
// and the figures are the chat path's.
import { createApp, prepareDatabase } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { serveProbe } from './probe.js';

const app = await createApp(loadConfig());
await prepareDatabase(app);
async function staff(): Promise<void> {
  const [agent] = await app.db.query<{ id: string }>("select id from agents where email = 'li.na@walletdesk.local'");
  const open = await app.db.query<{ id: string }>("select id from conversations where status <> 'closed'");
  const { routing } = app.conversations;
  for (const { id } of open) {
    await routing.transfer(id, { agentId: agent!.id });
    await routing.accept(id, agent!.id);
  }
}

const address = await app.listen();
// The intent model trains (or loads) at first start: tens of megabytes that would land between
// the two weighings of memory per connection if the sockets came first.
await app.bot.models.ready();
serveProbe({ address, connections: () => app.gateway.connectionCount, staff, stop: () => app.stop() });
