import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Logger } from '../../common/log';
import {
  API_PATHS,
  Heartbeat,
  IdentityVerifyRequest,
  IssuanceReportQuery,
  RecordRefetchRequest,
  RecordRequest,
  VoucherClaimRequest,
  VoucherCode,
  VoucherLookupQuery,
  type ApiError,
} from '../contract/api';
import { REPLAY_WINDOW_MS } from '../contract/signature';
import type { CentralOffice } from '../office';
import { failure, type ApiFailure } from '../service/failure';
import { MAX_EVENTS_PER_BATCH } from '../service/ingest';
import type { Caller } from '../service/kiosks';
import { authenticate } from './auth';
import { ReplayGuard } from './replay-guard';

/**
 * The central office's HTTP API (docs/central-office-api.md). Bodies are read as raw bytes so that the signature
 * can be checked over exactly what was sent; JSON is parsed only after the request is authenticated, and refused
 * requests (401, 403, 400, 413) reach no service and store nothing.
 */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;

type Access = 'kiosk' | 'operator' | 'public';
type KioskCaller = Extract<Caller, { role: 'kiosk' }>;
type OperatorCaller = Extract<Caller, { role: 'operator' }>;

const EventBatchBody = z.object({ events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_BATCH) });
const VerifyQuery = z.object({ issuance: z.string().min(1).max(40), code: z.string().min(1).max(40) });
const VoucherParams = z.object({ code: VoucherCode });

export type HttpOptions = { readonly bodyLimitBytes?: number; readonly logger: Logger };

export function buildHttpServer(office: CentralOffice, options: HttpOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimitBytes ?? MAX_BODY_BYTES,
    requestTimeout: REQUEST_TIMEOUT_MS,
    forceCloseConnections: true,
    return503OnClosing: true,
  });
  const guard = new ReplayGuard(REPLAY_WINDOW_MS);
  const callers = new WeakMap<FastifyRequest, Caller>();
  const bodies = new WeakMap<FastifyRequest, unknown>();
  const log = options.logger;

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  const send = (reply: FastifyReply, problem: ApiFailure) => {
    const body: ApiError = { error: { code: problem.code, message: problem.message } };
    return reply.code(problem.status).type('application/json').send(body);
  };

  app.addHook('preHandler', async (request, reply) => {
    const access = (request.routeOptions.config as { access?: Access } | undefined)?.access ?? 'public';
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    if (access !== 'public') {
      const checked = authenticate({ method: request.method, url: request.url, headers: request.headers, body: raw }, office.keys, guard, office.now());
      if (!checked.ok) {
        log.warn({ event: 'central.auth-refused', code: checked.error.code, keyId: request.headers['x-kiosk-key-id'], route: request.routeOptions.url });
        return send(reply, checked.error);
      }
      if (checked.value.role !== access) {
        return send(reply, failure(403, 'forbidden', `key id ${checked.value.keyId} is a ${checked.value.role} key; this endpoint is for ${access}s`));
      }
      callers.set(request, checked.value);
    }
    if (request.method === 'POST') {
      try {
        bodies.set(request, JSON.parse(raw.toString('utf8')));
      } catch (error) {
        return send(reply, failure(400, 'malformed-json', `the body is not valid JSON: ${(error as Error).message}`));
      }
    }
    return undefined;
  });

  app.addHook('onResponse', async (request, reply) => {
    log.info({ event: 'central.request', method: request.method, route: request.routeOptions.url ?? '(none)', status: reply.statusCode, ms: Math.round(reply.elapsedTime) });
  });

  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, failure(413, 'body-too-large', `the body is larger than ${options.bodyLimitBytes ?? MAX_BODY_BYTES} bytes (send fewer events per batch)`));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(reply, failure(415, 'unsupported-media-type', 'send the body as application/json'));
      default:
        if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
          return send(reply, failure(error.statusCode, 'invalid-request', error.message));
        }
        log.error({ event: 'central.internal-error', route: request.routeOptions.url, error });
        return send(reply, failure(500, 'internal', 'the central office failed to handle the request; it was not applied'));
    }
  });
  app.setNotFoundHandler((request, reply) => send(reply, failure(404, 'not-found', `no endpoint ${request.method} ${request.url.split('?')[0]}`)));

  const kioskOf = (request: FastifyRequest): KioskCaller => {
    const caller = callers.get(request);
    if (!caller || caller.role !== 'kiosk') throw new Error('kiosk route reached without a kiosk caller');
    return caller;
  };
  const operatorOf = (request: FastifyRequest): OperatorCaller => {
    const caller = callers.get(request);
    if (!caller || caller.role !== 'operator') throw new Error('operator route reached without an operator caller');
    return caller;
  };
  function parse<T>(schema: z.ZodType<T>, value: unknown): { ok: true; value: T } | { ok: false; problem: ApiFailure } {
    const result = schema.safeParse(value);
    if (result.success) return { ok: true, value: result.data };
    const detail = result.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
    return { ok: false, problem: failure(400, 'invalid-request', detail) };
  }
  const answer = <T>(reply: FastifyReply, result: { ok: true; value: T } | { ok: false; error: ApiFailure }) =>
    result.ok ? reply.code(200).send(result.value) : send(reply, result.error);

  const route = (access: Access) => ({ config: { access } });

  app.post(API_PATHS.identityVerify, route('kiosk'), async (request, reply) => {
    const body = parse(IdentityVerifyRequest, bodies.get(request));
    if (!body.ok) return send(reply, body.problem);
    return answer(reply, await office.verifyIdentity(kioskOf(request), body.value));
  });

  app.post(API_PATHS.records, route('kiosk'), async (request, reply) => {
    const body = parse(RecordRequest, bodies.get(request));
    if (!body.ok) return send(reply, body.problem);
    return answer(reply, await office.fetchRecord(kioskOf(request), body.value));
  });

  app.post(API_PATHS.recordsReserved, route('kiosk'), async (request, reply) => {
    const body = parse(RecordRefetchRequest, bodies.get(request));
    if (!body.ok) return send(reply, body.problem);
    return answer(reply, await office.fetchReservedRecord(kioskOf(request), body.value));
  });

  app.post(API_PATHS.events, route('kiosk'), async (request, reply) => {
    const body = parse(EventBatchBody, bodies.get(request));
    if (!body.ok) return send(reply, body.problem);
    return reply.code(200).send(await office.ingest(kioskOf(request), body.value.events));
  });

  app.post(API_PATHS.heartbeat, route('kiosk'), async (request, reply) => {
    const body = parse(Heartbeat, bodies.get(request));
    if (!body.ok) return send(reply, body.problem);
    return reply.code(200).send(await office.heartbeat(kioskOf(request), body.value));
  });

  app.get(API_PATHS.documentVerify, route('public'), async (request, reply) => {
    const query = parse(VerifyQuery, request.query);
    if (!query.ok) return send(reply, query.problem);
    return reply.code(200).send(await office.verifyDocument(query.value.issuance, query.value.code));
  });

  app.get(API_PATHS.reports, route('operator'), async (request, reply) => {
    const query = parse(IssuanceReportQuery, request.query);
    if (!query.ok) return send(reply, query.problem);
    return reply.code(200).send(await office.report(query.value));
  });

  app.get(API_PATHS.kiosks, route('operator'), async (_request, reply) => reply.code(200).send({ kiosks: await office.kioskStatuses() }));

  app.get(API_PATHS.voucher, route('operator'), async (request, reply) => {
    const params = parse(VoucherParams, request.params);
    if (!params.ok) return send(reply, params.problem);
    const query = parse(VoucherLookupQuery, request.query);
    if (!query.ok) return send(reply, query.problem);
    return answer(reply, await office.lookupVoucher({ voucherCode: params.value.code, kioskId: query.value.kiosk }));
  });

  app.post(API_PATHS.voucherClaim, route('operator'), async (request, reply) => {
    const params = parse(VoucherParams, request.params);
    if (!params.ok) return send(reply, params.problem);
    // A strict body: an `amount` is refused, not ignored — the office pays what the kiosk recorded.
    const body = parse(VoucherClaimRequest, bodies.get(request));
    if (!body.ok) return send(reply, body.problem);
    const operator = operatorOf(request);
    const claimed = await office.claimVoucher({ voucherCode: params.value.code, kioskId: body.value.kiosk }, { keyId: operator.keyId, name: operator.name });
    if (claimed.ok) log.info({ event: 'central.voucher-claimed', voucher: claimed.value.voucherCode, kioskId: claimed.value.kioskId, amount: claimed.value.amount, keyId: operator.keyId });
    else log.warn({ event: 'central.voucher-claim-refused', voucher: params.value.code, code: claimed.error.code, keyId: operator.keyId });
    return claimed.ok ? reply.code(200).send(claimed.value) : send(reply, claimed.error);
  });

  app.get('/v1/health', route('public'), async (_request, reply) => reply.code(200).send({ ok: true, time: new Date(office.now()).toISOString() }));

  return app;
}
