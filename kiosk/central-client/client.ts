import type { z } from 'zod';
import {
  API_PATHS,
  ApiError,
  DocumentVerification,
  EventBatchAck,
  HeartbeatAck,
  IdentityVerdict,
  RecordResponse,
  type Heartbeat,
  type IdentityVerifyRequest,
  type RecordRefetchRequest,
  type RecordRequest,
} from '../../central-office/contract/api';
import type { IssuanceEvent } from '../../central-office/contract/events';
import { signRequest } from '../../central-office/contract/signature';
import { systemClock, type Clock } from '../../common/clock';
import { silentLogger, type Logger } from '../../common/log';
import { scrubResidentNumbers } from '../../common/privacy';
import { err, ok, type Result } from '../../common/result';

/**
 * The kiosk's typed client of the central office. Every request is signed with the kiosk's key; every answer is
 * validated against the contract (central-office/contract/api.ts). Nothing here throws for what the network or the
 * office does: a refused connection, a timeout, a 500, an HTML error page or a body of the wrong shape each come
 * back as a `CentralError` value. Nothing is written to disk: the identity verdict, the token and the record live
 * only in the caller's memory, and the log carries paths, statuses and timings, never bodies.
 */
export type CentralError =
  /** No answer: connection refused or reset, name not found, or no answer within the timeout. */
  | { readonly kind: 'unreachable'; readonly cause: 'network' | 'timeout'; readonly message: string }
  /** The office answered 4xx: the request itself is wrong (bad signature, expired token, unknown document …). */
  | { readonly kind: 'rejected'; readonly status: number; readonly code: string; readonly message: string }
  /** The office answered 5xx: try again later. */
  | { readonly kind: 'server-error'; readonly status: number; readonly message: string }
  /** An answer that is not what the contract says (not JSON, wrong shape). */
  | { readonly kind: 'invalid-response'; readonly status: number; readonly message: string };

export type CentralResult<T> = Result<T, CentralError>;

/** Whether trying the same thing again later can succeed. */
export function isRetryable(error: CentralError): boolean {
  return error.kind === 'unreachable' || error.kind === 'server-error' || error.kind === 'invalid-response';
}

export function describeCentralError(error: CentralError): string {
  switch (error.kind) {
    case 'unreachable':
      return `central office unreachable (${error.cause}): ${error.message}`;
    case 'rejected':
      return `central office refused the request (${error.status} ${error.code}): ${error.message}`;
    case 'server-error':
      return `central office failed (${error.status}): ${error.message}`;
    case 'invalid-response':
      return `central office answered something unexpected (${error.status}): ${error.message}`;
  }
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export type CentralClientOptions = {
  readonly baseUrl: string;
  readonly keyId: string;
  readonly secret: string;
  readonly clock?: Clock;
  readonly timeoutMs?: number;
  readonly logger?: Logger;
  /** Tests inject a fetch; production uses Node's. */
  readonly fetch?: typeof fetch;
};

export interface CentralOfficeClient {
  verifyIdentity(request: IdentityVerifyRequest): Promise<CentralResult<IdentityVerdict>>;
  fetchRecord(request: RecordRequest): Promise<CentralResult<RecordResponse>>;
  /** The record reserved earlier under an issuance number, to print it again (POST /v1/records/reserved). */
  fetchReservedRecord(request: RecordRefetchRequest): Promise<CentralResult<RecordResponse>>;
  sendEvents(events: readonly IssuanceEvent[]): Promise<CentralResult<EventBatchAck>>;
  heartbeat(heartbeat: Heartbeat): Promise<CentralResult<HeartbeatAck>>;
  verifyDocument(issuanceNumber: string, verificationNumber: string): Promise<CentralResult<DocumentVerification>>;
}

export function createCentralClient(options: CentralClientOptions): CentralOfficeClient {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const log = options.logger ?? silentLogger();
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.endsWith('/') ? options.baseUrl.slice(0, -1) : options.baseUrl;

  async function call<T>(method: 'GET' | 'POST', path: string, body: unknown, schema: z.ZodType<T>, signed: boolean): Promise<CentralResult<T>> {
    const url = new URL(base + path);
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (signed) {
      Object.assign(headers, signRequest({ keyId: options.keyId, secret: options.secret }, { method, path: url.pathname + url.search, body: text, timestamp: clock.now() }));
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer = clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const started = performance.now();
    const route = url.pathname;
    const finish = <R>(result: CentralResult<R>, status: number | null): CentralResult<R> => {
      clock.clearTimeout(timer);
      log.info({
        event: 'central-client.request',
        method,
        route,
        status,
        outcome: result.ok ? 'ok' : result.error.kind,
        ms: Math.round(performance.now() - started),
      });
      return result;
    };
    let response: Response;
    let raw: string;
    try {
      response = await doFetch(url, { method, headers, ...(body === undefined ? {} : { body: text }), signal: controller.signal });
      raw = await response.text();
    } catch (error) {
      const message = timedOut ? `no answer within ${timeoutMs} ms` : networkMessage(error);
      return finish(err({ kind: 'unreachable', cause: timedOut ? 'timeout' : 'network', message }), null);
    }
    const status = response.status;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      const message = `the body is not JSON (${raw.length} bytes${raw.length > 0 ? `, starting ${JSON.stringify(scrubResidentNumbers(raw.slice(0, 40)))}` : ''})`;
      if (status >= 500) return finish(err({ kind: 'server-error', status, message }), status);
      return finish(err({ kind: 'invalid-response', status, message }), status);
    }
    if (status >= 400) {
      const problem = ApiError.safeParse(json);
      const code = problem.success ? problem.data.error.code : `http-${status}`;
      const message = scrubResidentNumbers(problem.success ? problem.data.error.message : `HTTP ${status}`);
      if (status >= 500) return finish(err({ kind: 'server-error', status, message: `${code}: ${message}` }), status);
      return finish(err({ kind: 'rejected', status, code, message }), status);
    }
    if (status < 200 || status >= 300) return finish(err({ kind: 'invalid-response', status, message: `unexpected HTTP status ${status}` }), status);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
        .join('; ');
      return finish(err({ kind: 'invalid-response', status, message: `the answer does not match the contract: ${where}` }), status);
    }
    return finish(ok(parsed.data), status);
  }

  return {
    verifyIdentity: (request) => call('POST', API_PATHS.identityVerify, request, IdentityVerdict, true),
    fetchRecord: (request) => call('POST', API_PATHS.records, request, RecordResponse, true),
    fetchReservedRecord: (request) => call('POST', API_PATHS.recordsReserved, request, RecordResponse, true),
    sendEvents: (events) => call('POST', API_PATHS.events, { events }, EventBatchAck, true),
    heartbeat: (heartbeat) => call('POST', API_PATHS.heartbeat, heartbeat, HeartbeatAck, true),
    verifyDocument: (issuanceNumber, verificationNumber) =>
      call(
        'GET',
        `${API_PATHS.documentVerify}?${new URLSearchParams({ issuance: issuanceNumber, code: verificationNumber }).toString()}`,
        undefined,
        DocumentVerification,
        false,
      ),
  };
}

function networkMessage(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`;
  if (cause?.message) return cause.message;
  return (error as Error).message ?? String(error);
}
