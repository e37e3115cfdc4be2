import type { FastifyReply } from 'fastify';

/**
 * A server-rendered page that holds one person's data behind a private link (a help-center
 * request or callback, opened by the key in its address): never cached, never indexed, and the
 * address, key included, is not sent as Referer to other sites.
 */
export function privatePage(reply: FastifyReply, body: string, status = 200) {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'same-origin')
    .header('x-robots-tag', 'noindex')
    .send(body);
}
