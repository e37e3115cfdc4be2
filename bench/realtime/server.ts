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

serveProbe({ address: await app.listen(), connections: () => app.gateway.connectionCount, staff, stop: () => app.stop() });
