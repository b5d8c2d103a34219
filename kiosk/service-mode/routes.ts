import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream, existsSync } from 'node:fs';
import { createServiceModeHandlers, errorStatus, SERVICE_API, SERVICE_TOKEN_HEADER, type HandlerAnswer } from './handlers';
import type { ServiceMode } from './service-mode';

/**
 * Service mode's HTTP routes on the browser host (kiosk/host/server.ts). The composition root registers them with
 * `startBrowserHost({ …, extend: serviceModeRoutes(serviceMode) })`; the service screen (renderer/service.html) and
 * `kiosk diag` (asking the running kiosk) call them. Like the rest of the host they listen on loopback only.
 *
 *   POST /service/api/enter {pin} → {session, token, expiresAt}   (then X-Service-Token: <token> on every call)
 *   POST /service/api/exit
 *   GET  /service/api/overview                       devices, cash, paper, queue
 *   POST /service/api/self-tests {device}            → 202 the run; GET /service/api/self-tests/:id; POST …/:id/cancel
 *   POST /service/api/paper {printer: a4, sheetsAdded | sheetsInTray} | {printer: receipt}
 *   POST /service/api/hoppers/:coin/refill {coins};  POST /service/api/hoppers/:coin/count {coins}
 *   POST /service/api/cash-box/remove
 *   POST /service/api/day-close {counted?, businessDate?}
 *   POST /service/api/logs/export → {name, file, lines, bytes};  GET /service/api/logs/:name (download)
 *   GET  /service/api/audit?limit=
 */
export function serviceModeRoutes(service: ServiceMode): (app: FastifyInstance) => void {
  const handlers = createServiceModeHandlers(service);
  return (app) => {
    const token = (request: FastifyRequest) => {
      const value = request.headers[SERVICE_TOKEN_HEADER];
      return Array.isArray(value) ? value[0] : value;
    };
    const send = (reply: FastifyReply, answer: HandlerAnswer) => reply.code(answer.status).header('Cache-Control', 'no-store').send(answer.body);
    const params = (request: FastifyRequest) => request.params as Record<string, string>;

    app.get('/service', async (_request, reply) => reply.code(302).header('Location', '/service.html').send());
    app.post(`${SERVICE_API}/enter`, async (request, reply) => send(reply, handlers.enter(request.body)));
    app.post(`${SERVICE_API}/exit`, async (request, reply) => send(reply, handlers.exit(token(request))));
    app.get(`${SERVICE_API}/overview`, async (request, reply) => send(reply, await handlers.overview(token(request))));
    app.post(`${SERVICE_API}/self-tests`, async (request, reply) => send(reply, handlers.startSelfTest(token(request), request.body)));
    app.get(`${SERVICE_API}/self-tests/:id`, async (request, reply) => send(reply, handlers.selfTest(token(request), params(request).id ?? '')));
    app.post(`${SERVICE_API}/self-tests/:id/cancel`, async (request, reply) => send(reply, handlers.cancelSelfTest(token(request), params(request).id ?? '')));
    app.post(`${SERVICE_API}/paper`, async (request, reply) => send(reply, handlers.refillPaper(token(request), request.body)));
    app.post(`${SERVICE_API}/hoppers/:coin/refill`, async (request, reply) => send(reply, handlers.refillHopper(token(request), params(request).coin ?? '', request.body)));
    app.post(`${SERVICE_API}/hoppers/:coin/count`, async (request, reply) => send(reply, handlers.countHopper(token(request), params(request).coin ?? '', request.body)));
    app.post(`${SERVICE_API}/cash-box/remove`, async (request, reply) => send(reply, handlers.removeCashBox(token(request))));
    app.post(`${SERVICE_API}/day-close`, async (request, reply) => send(reply, await handlers.closeDay(token(request), request.body)));
    app.post(`${SERVICE_API}/logs/export`, async (request, reply) => send(reply, await handlers.exportLogs(token(request))));
    app.get(`${SERVICE_API}/logs/:name`, async (request, reply) => {
      const file = handlers.exportFile(token(request), params(request).name ?? '');
      if (!file.ok) return reply.code(errorStatus(file.error)).send({ error: file.error });
      if (!existsSync(file.value)) return reply.code(404).send({ error: { kind: 'unknown', detail: 'no such export' } });
      return reply
        .code(200)
        .type('application/x-ndjson; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${params(request).name}"`)
        .header('Cache-Control', 'no-store')
        .send(createReadStream(file.value));
    });
    app.get(`${SERVICE_API}/audit`, async (request, reply) => send(reply, handlers.audit(token(request), request.query)));
  };
}
