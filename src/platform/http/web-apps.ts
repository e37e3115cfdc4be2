import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';

/** web/ beside src/ (and beside dist/ once compiled: both sit two folders below the root). */
export const webRoot = fileURLToPath(new URL('../../../web/', import.meta.url));

const access = { public: true } as const;
const hidden = { hide: true } as const;
const noStore = 'no-cache';
// Vite names built assets by content hash, so they never change under the same URL.
const immutable = 'public, max-age=31536000, immutable';
// The customer-facing pages run only WalletDesk's own scripts and talk only to WalletDesk: a
// customer token in them is worth stealing. Images may also be local previews (blob:).
const customerPages = "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; form-action 'none'";
const notFramable = "frame-ancestors 'none'";

function notBuilt(reply: FastifyReply, app: string) {
  return reply.status(503).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(`The ${app} is not built yet: run \`npm run build:web\` (npm start and npm test build it when needed).\n`);
}

/**
 * Serves the built browser apps: the chat widget's files under /widget/ (with the embeddable
 * /widget/widget.js), the full-page chat for app WebViews at /chat, the demo wallet page at /demo,
 * and the staff console under /console/ (a single-page app: unknown paths get its index.html).
 * Only the chat may be framed by other sites; the console and the demo page may not.
 */
export function webAppRoutes(options: { demo: boolean; root?: string }) {
  const root = options.root ?? webRoot;
  const widget = join(root, 'widget', 'dist');
  const consoleApp = join(root, 'console', 'dist');
  const page = (reply: FastifyReply, dir: string, file: string, policy: string) => {
    if (!existsSync(join(dir, file))) return notBuilt(reply, dir === widget ? 'chat widget' : 'console');
    if (policy.includes(notFramable)) reply.header('x-frame-options', 'DENY');
    return reply.header('content-security-policy', policy).header('cache-control', noStore).sendFile(file, dir);
  };

  return async (fastify: FastifyInstance) => {
    // Each route sets its own caching.
    await fastify.register(fastifyStatic, { root, serve: false, cacheControl: false });

    fastify.get('/widget/*', { config: { access }, schema: hidden }, async (request, reply) => {
      const path = (request.params as { '*': string })['*'];
      if (!existsSync(widget)) return notBuilt(reply, 'chat widget');
      // The loader keeps its URL across releases: host pages pick up a new one within minutes.
      return reply.header('cache-control', path.startsWith('assets/') ? immutable : 'public, max-age=300').sendFile(path, widget);
    });
    fastify.get('/chat', { config: { access }, schema: hidden }, async (_request, reply) => page(reply, widget, 'chat.html', customerPages));
    if (options.demo) fastify.get('/demo', { config: { access }, schema: hidden }, async (_request, reply) => page(reply, widget, 'demo.html', `${customerPages}; ${notFramable}`));

    // The router ignores trailing slashes: this answers /console and /console/ alike.
    fastify.get('/console', { config: { access }, schema: hidden }, async (_request, reply) => page(reply, consoleApp, 'index.html', notFramable));
    fastify.get('/console/*', { config: { access }, schema: hidden }, async (request, reply) => {
      const path = (request.params as { '*': string })['*'];
      if (path.startsWith('assets/')) return reply.header('cache-control', immutable).sendFile(path, consoleApp);
      const file = path && existsSync(join(consoleApp, path)) && !path.endsWith('/') ? path : 'index.html';
      return page(reply, consoleApp, file, notFramable);
    });
  };
}
