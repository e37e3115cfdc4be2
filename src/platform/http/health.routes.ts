import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from './app-error.js';

export interface Readiness {
  /** Throws when a dependency the service needs is unreachable. */
  check(): Promise<void>;
  /** True once shutdown began: the load balancer should stop sending traffic. */
  draining(): boolean;
}

const status = z.object({ status: z.string() });

export async function healthRoutes(app: FastifyInstance, readiness: Readiness) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/healthz', {
    config: { access: { public: true } },
    schema: { tags: ['health'], summary: 'Liveness: the process is up', response: { 200: status } },
  }, async () => ({ status: 'ok' }));

  r.get('/readyz', {
    config: { access: { public: true } },
    schema: { tags: ['health'], summary: 'Readiness: the database answers and the node is not draining', response: { 200: status } },
  }, async (request) => {
    if (readiness.draining()) throw new AppError('SHUTTING_DOWN');
    try {
      await readiness.check();
    } catch (err) {
      request.log.warn({ err }, 'readiness check failed');
      throw new AppError('NOT_READY');
    }
    return { status: 'ready' };
  });
}
