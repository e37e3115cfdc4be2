import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import websocket from '@fastify/websocket';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import type { Logger } from '../log.js';
import { installAccessControl, type Authenticator, type CustomerAuthenticator, type RegisteredRoute } from './access-control.js';
import { AppError } from './app-error.js';
import { installErrorHandling } from './error-handler.js';
import { healthRoutes, type Readiness } from './health.routes.js';

export interface HttpOptions {
  logger: Logger;
  bodyLimit: number;
  trustProxy: boolean;
  publicUrl: string;
  authenticate: Authenticator;
  authenticateCustomer?: CustomerAuthenticator;
  readiness: Readiness;
}

export interface HttpServer {
  app: FastifyInstance;
  routes: RegisteredRoute[];
}

const requestIdPattern = /^[\w.-]{1,64}$/;

export async function createHttpServer(options: HttpOptions): Promise<HttpServer> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimit,
    trustProxy: options.trustProxy,
    // Plugins start in well under a second, but a node starting on a busy machine must not fail
    // its start because one took longer than fastify's default 10 s.
    pluginTimeout: 120_000,
    // A caller's request id is kept so one id follows a request across services.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : uuidv7();
    },
    // Idle keep-alive sockets close at shutdown; requests in flight are allowed to finish.
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // While draining, keep-alive sockets would hold shutdown open until they time out.
    if (options.readiness.draining()) reply.header('connection', 'close');
  });

  installErrorHandling(app);
  // Cookies must be parsed before access control reads the session cookie.
  await app.register(cookie);
  // Server-rendered pages (the help center) post plain HTML forms so they work without JavaScript.
  await app.register(formbody);
  // Frames larger than this close the socket (1009) before any of it is parsed.
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  const routes = installAccessControl(app, options.authenticate, options.authenticateCustomer);

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, context) => new AppError('RATE_LIMITED', { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'WalletDesk API',
        version: '1',
        description:
          'Customer service for digital wallets. Errors are `{"error":{"code","message","details"}}`; lists take `?limit=&cursor=` and return `{"items","nextCursor"}`.',
      },
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'wd_session', description: 'Console session; writes also need the X-CSRF-Token header returned by login.' },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (wdk_...) with the scope the route names.' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes, options.readiness);
  return { app, routes };
}
