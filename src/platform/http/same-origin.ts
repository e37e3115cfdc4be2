import type { FastifyRequest } from 'fastify';

/**
 * Whether a form post comes from this site's own pages, against cross-site form posts: browsers
 * send Origin on every POST; Referer is the fallback. The public address and the address the
 * request came to both count (a proxy may rewrite one of them).
 */
export function fromOwnPages(request: FastifyRequest, publicUrl: string): boolean {
  const allowed = [new URL(publicUrl).origin, `${request.protocol}://${request.host}`];
  const origin = request.headers.origin;
  if (origin && origin !== 'null') return allowed.includes(origin);
  const referer = request.headers.referer;
  if (!referer || !URL.canParse(referer)) return false;
  return allowed.includes(new URL(referer).origin);
}
