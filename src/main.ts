import { Command, Option } from 'commander';
import { createApp, prepareDatabase, type App } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { migrate } from './platform/db/migrator.js';
import { openDatabase } from './platform/db/open-database.js';
import { systemActor } from './platform/http/access.js';
import { createLogger } from './platform/log.js';
import { demoAccounts } from './modules/people/index.js';
import { maskDeep, scanText } from './modules/guard/index.js';
import { demoIdentities } from './modules/wallet/index.js';
import { readKbFolder, writeKbFolder } from './modules/knowledge/index.js';
import { nluCommand } from './modules/bot/nlu/index.js';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

/** Commands other than serve log only warnings, so their own output stays readable. */
async function withApp<T>(fn: (app: App) => Promise<T>): Promise<T> {
  const config = configOrExit();
  const app = await createApp(config, { logger: createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, { mask: maskDeep }) });
  try {
    return await fn(app);
  } finally {
    await app.stop();
  }
}

function banner(app: App, startedMs: number): string {
  const url = app.config.publicUrl;
  const lines = [
    '',
    `WalletDesk is ready in ${startedMs} ms (${app.db.kind === 'pglite' ? `embedded database in ${app.config.DATA_DIR}` : 'PostgreSQL'}, ${app.bus.kind} events)`,
    '',
    // The demo wallet comes first: it is where a newcomer tries the chat within a minute.
    ...(app.config.seedDemo && !app.config.WALLET_TOKEN_SECRET ? [`  Try the chat    ${url}/demo   (a demo wallet app: pick a customer, open the chat)`] : []),
    `  Console         ${url}/console/`,
    `  Chat widget     <script src="${url}/widget/widget.js" async></script>   full page: ${url}/chat`,
    `  API reference   ${url}/api/docs`,
    `  OpenAPI         ${url}/api/openapi.json`,
    `  Sign in (API)   POST ${url}/api/v1/auth/login`,
    `  Help center     ${url}/help   (${url}/help/zh-CN, ${url}/help/en)`,
    `  Health          ${url}/healthz   ${url}/readyz`,
  ];
  if (app.config.seedDemo) {
    lines.push('', '  Demo sign-ins (change these before going live):');
    for (const a of demoAccounts) lines.push(`    ${a.role.padEnd(10)} ${a.email.padEnd(30)} ${a.password}`);
    lines.push('', `  Demo wallet customers (e.g. ${url}/api/v1/customers/demo-alice/diagnosis?topic=payment_failed):`);
    for (const c of demoIdentities) lines.push(`    ${c.externalId.padEnd(11)} ${c.story}`);
  }
  if (app.wallet.connectorRoutes) lines.push('', `  Wallet connector ${url}/connector/v1 (X-WalletDesk-Secret)`);
  return `${lines.join('\n')}\n\n`;
}

async function serve() {
  const started = Date.now();
  const config = configOrExit();
  const app = await createApp(config);
  const { migrated, seeded } = await prepareDatabase(app);
  app.logger.info({ migrated, seeded }, 'database prepared');
  await app.listen();

  const exit = (code: number) => process.exit(code);
  let signals = 0;
  const shutdown = (signal: string) => {
    signals += 1;
    if (signals > 1) {
      app.logger.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return;
    }
    app.logger.info({ signal }, 'shutting down: draining requests');
    const timer = setTimeout(() => {
      app.logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out');
      exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    app.stop().then(
      () => {
        app.logger.info('shutdown complete');
        exit(0);
      },
      (err: unknown) => {
        app.logger.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.stdout.write(banner(app, Date.now() - started));
}

const program = new Command()
  .name('walletdesk')
  .description('WalletDesk: customer service for digital-wallet and payment apps. Settings come from the environment (see README).')
  .showHelpAfterError();

program
  .command('serve')
  .description('Apply migrations, seed on first start, and serve the API, web apps and background jobs')
  .action(serve);

program
  .command('migrate')
  .description('Apply pending database migrations and exit')
  .action(async () => {
    const config = configOrExit();
    const db = await openDatabase(config);
    try {
      const result = await migrate(db);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } finally {
      await db.close();
    }
  });

program
  .command('seed')
  .description('Apply migrations and the seed data not applied yet (demo data only with SEED_DEMO=true or on the embedded database)')
  .action(() =>
    withApp(async (app) => {
      const result = await prepareDatabase(app);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }),
  );

program
  .command('create-admin')
  .description('Create an administrator account (prints a generated password unless --password is given)')
  .requiredOption('--email <email>', 'sign-in e-mail')
  .requiredOption('--name <name>', 'full name')
  .addOption(new Option('--password <password>', 'at least 10 characters; omit to generate one').env('WALLETDESK_ADMIN_PASSWORD'))
  .action((opts: { email: string; name: string; password?: string }) =>
    withApp(async (app) => {
      await migrate(app.db);
      const { agent, generatedPassword } = await app.people.agents.create(
        { email: opts.email, name: opts.name, role: 'admin', password: opts.password, skillLanguages: ['zh-CN', 'en'] },
        systemActor,
      );
      process.stdout.write(`${JSON.stringify({ id: agent.id, email: agent.email, ...(generatedPassword ? { password: generatedPassword } : {}) })}\n`);
    }),
  );

const guard = program.command('guard').description('Secret and personal-data detection, as the server applies it');
guard
  .command('scan')
  .description('Read text on stdin; print {"findings":[{"type","start","end","confidence"}],"masked","scam"} as one JSON object')
  .addOption(new Option('--lang <lang>', 'language of the placeholders (detected when omitted)').choices(['zh', 'en']))
  .action(async (opts: { lang?: 'zh' | 'en' }) => {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    const result = scanText(text, { lang: opts.lang });
    process.stdout.write(
      `${JSON.stringify({
        findings: result.findings.map(({ type, start, end, confidence }) => ({ type, start, end, confidence })),
        masked: result.masked,
        scam: result.scam,
        scamSignals: result.scamSignals,
      })}\n`,
    );
  });

const kb = program.command('kb').description('The knowledge base as a folder of Markdown files (categories.yml + articles/<id>.<lang>.md)');
kb.command('import')
  .argument('<dir>', 'folder with categories.yml and articles/')
  .description('Create new articles and save changed texts as new versions; a bad file stops the import and nothing is changed')
  .action((dir: string) =>
    withApp(async (app) => {
      await prepareDatabase(app);
      const result = await app.knowledge.knowledge.importFolder(systemActor, readKbFolder(dir));
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }),
  );
kb.command('export')
  .argument('<dir>', 'folder to write (created if missing; existing files with the same names are overwritten)')
  .description('Write every category and article, in every state, as Markdown with front matter')
  .action((dir: string) =>
    withApp(async (app) => {
      await migrate(app.db);
      const files = writeKbFolder(dir, await app.knowledge.knowledge.exportAll());
      process.stdout.write(`${JSON.stringify({ files })}\n`);
    }),
  );

program.addCommand(nluCommand());

program.parseAsync(process.argv).catch((err: unknown) => {
  const e = err as { code?: string; message?: string };
  process.stderr.write(`walletdesk: ${e.code ? `${e.code}: ` : ''}${e.message ?? String(err)}\n`);
  process.exit(1);
});
