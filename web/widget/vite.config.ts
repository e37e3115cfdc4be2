// The chat widget: the chat page (/chat, also what the embed loader shows in its frame), the demo
// wallet page (/demo) and the one-tag embed loader (/widget/widget.js). The build prints the
// gzipped size of what a customer downloads and fails above the 50 KB budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { build, defineConfig, type Manifest, type Plugin } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));
const outDir = join(root, 'dist');
const budgetBytes = 50 * 1024;
const devServer = process.env.WALLETDESK_URL ?? 'http://localhost:8080';

/** The loader runs as a classic script on other people's pages: one self-contained file. */
function buildLoader() {
  return build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: false, copyPublicDir: false, lib: { entry: join(root, 'src/loader/widget.ts'), formats: ['iife'], name: 'WalletDeskLoader', fileName: () => 'widget.js' } },
  });
}

function gzipSize(file: string) {
  return gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length;
}

/** Everything the chat page loads (entry, imported chunks, CSS) plus the loader. */
function customerBytes(manifest: Manifest) {
  const files = new Set<string>(['widget.js']);
  const visit = (key: string) => {
    const chunk = manifest[key]!;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit('chat.html');
  return [...files].reduce((sum, file) => sum + gzipSize(file), 0);
}

function loaderAndBudget(): Plugin {
  return {
    name: 'walletdesk-widget-loader-and-budget',
    apply: 'build',
    async closeBundle() {
      await buildLoader();
      const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
      const bytes = customerBytes(manifest);
      const kb = (bytes / 1024).toFixed(1);
      process.stdout.write(`widget: ${kb} KB gzipped (chat page and loader; budget ${budgetBytes / 1024} KB)\n`);
      if (bytes > budgetBytes) throw new Error(`the widget is ${kb} KB gzipped, over its ${budgetBytes / 1024} KB budget`);
    },
  };
}

/** In development the server's pretty paths map onto the pages Vite serves. */
function devPaths(): Plugin {
  const pages: Record<string, string> = { '/': '/widget/demo.html', '/widget/': '/widget/demo.html', '/chat': '/widget/chat.html', '/demo': '/widget/demo.html', '/widget/widget.js': '/widget/src/loader/widget.ts' };
  return {
    name: 'walletdesk-widget-dev-paths',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const [path, query] = (req.url ?? '').split('?');
        const page = pages[path!];
        if (page) req.url = query ? `${page}?${query}` : page;
        next();
      });
    },
  };
}

export default defineConfig({
  root,
  base: '/widget/',
  plugins: [preact(), devPaths(), loaderAndBudget()],
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    target: 'es2020',
    rollupOptions: { input: { chat: resolve(root, 'chat.html'), demo: resolve(root, 'demo.html') } },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: devServer, ws: true }, '/help': devServer },
  },
});
