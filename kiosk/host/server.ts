import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../common/log';
import type { ApiHandlers } from '../api/handlers';
import { HTTP_PATHS } from '../api/contract';
import { CONTENT_SECURITY_POLICY } from './csp';

/**
 * The browser host: the KioskApi over HTTP on loopback, a server-sent-events stream of view models, and the built
 * renderer. A real deployment mode (Chromium in --kiosk --app= mode on a kiosk PC) and how the UI is tested end
 * to end where no Electron binary exists.
 */
export type BrowserHostOptions = {
  readonly handlers: ApiHandlers;
  readonly host: string;
  readonly port: number;
  /** The built renderer (dist/renderer); absent in API-only tests. */
  readonly rendererDir: string | null;
  readonly log: Logger;
  /** Extra routes (simulator control, service mode) registered by the composition root. */
  readonly extend?: (app: FastifyInstance) => void | Promise<void>;
};

export type BrowserHost = { readonly url: string; readonly app: FastifyInstance; close(): Promise<void> };

/** Browsers reconnect an SSE stream on their own; a comment line every 15 s keeps proxies from closing it. */
const SSE_KEEPALIVE_MS = 15_000;
const COMMAND_BODY_LIMIT_BYTES = 16 * 1024;

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { handlers, log } = options;
  const app = Fastify({ logger: false, bodyLimit: COMMAND_BODY_LIMIT_BYTES });
  const openStreams = new Set<() => void>();

  app.addHook('onSend', async (_request, reply, payload) => {
    // The kiosk UI is served from this origin only; nothing is embedded from elsewhere.
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    return payload;
  });

  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    log.warn({ event: 'host.request-error', status, detail: error.message });
    void reply.status(status).send({ accepted: false, reason: 'invalid-command', detail: error.message });
  });

  app.post(HTTP_PATHS.command, async (request, reply) => {
    const result = await handlers.command(request.body);
    return reply.status(result.status).send(result.body);
  });

  app.get(HTTP_PATHS.view, async (_request, reply) => {
    const result = handlers.view();
    return reply.status(result.status).header('Cache-Control', 'no-store').send(result.body);
  });

  app.get(HTTP_PATHS.health, async () => ({ ok: true }));

  app.get(HTTP_PATHS.stream, (request, reply) => {
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const unsubscribe = handlers.subscribe((view) => {
      response.write(`id: ${view.revision}\nevent: view\ndata: ${JSON.stringify(view)}\n\n`);
    });
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
    const close = () => {
      clearInterval(keepAlive);
      unsubscribe();
      openStreams.delete(close);
      response.end();
    };
    openStreams.add(close);
    request.raw.on('close', close);
  });

  if (options.extend) await options.extend(app);

  if (options.rendererDir && existsSync(path.join(options.rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(options.rendererDir), index: 'index.html' });
  } else {
    app.get('/', async (_request, reply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The touch UI is not built: run `npm run build:renderer` (the README commands do it for you).'),
    );
  }

  const address = await app.listen({ host: options.host, port: options.port });
  const url = address.replace('[::1]', 'localhost');
  log.info({ event: 'host.listening', url });
  return {
    url,
    app,
    async close() {
      for (const close of [...openStreams]) close();
      await app.close();
    },
  };
}
