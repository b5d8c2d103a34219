import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_PATHS } from '../../central-office/contract/api';
import { AUTH_HEADERS, computeSignature } from '../../central-office/contract/signature';
import { FakeClock } from '../../common/clock';
import { createLogger } from '../../common/log';
import { containsResidentNumber } from '../../common/privacy';
import { createCentralClient, isRetryable, type CentralOfficeClient } from './client';

/**
 * Whatever the network or the office does, the client answers with a value: refused connections, timeouts, 500s,
 * garbage and answers of the wrong shape each become an error of a clear kind.
 */
type Handler = (request: http.IncomingMessage, response: http.ServerResponse, body: string) => void;

describe('the central office client', () => {
  let server: http.Server;
  let handler: Handler;
  let baseUrl: string;
  let clock: FakeClock;
  let client: CentralOfficeClient;
  const key = { keyId: 'GJ-HALL-01', secret: 'demo-secret-not-for-production-use' };
  const heartbeat = { softwareVersion: '1', devices: {}, paper: { a4Sheets: 1, receiptLow: false }, coins: {}, cashBox: { notes: 0, total: 0 }, queue: { depth: 0, oldestUnsentAgeSeconds: null } };

  beforeEach(async () => {
    server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => handler(request, response, body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    clock = new FakeClock();
    client = createCentralClient({ baseUrl, ...key, clock, timeoutMs: 2_000 });
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const reply = (status: number, body: string, type = 'application/json'): Handler => (_request, response) => {
    response.writeHead(status, { 'content-type': type });
    response.end(body);
  };

  it('signs each request over method, path, timestamp, nonce and body', async () => {
    let seen: { headers: http.IncomingHttpHeaders; body: string; url: string; method: string } | null = null;
    handler = (request, response, body) => {
      seen = { headers: request.headers, body, url: request.url ?? '', method: request.method ?? '' };
      reply(200, JSON.stringify({ receivedAt: new Date(clock.now()).toISOString() }))(request, response, body);
    };
    expect((await client.heartbeat(heartbeat)).ok).toBe(true);
    const got = seen as unknown as { headers: http.IncomingHttpHeaders; body: string; url: string; method: string };
    expect(got.headers[AUTH_HEADERS.keyId]).toBe(key.keyId);
    expect(got.headers[AUTH_HEADERS.timestamp]).toBe(String(clock.now()));
    const expected = computeSignature(key.secret, { method: got.method, path: got.url, timestamp: clock.now(), nonce: String(got.headers[AUTH_HEADERS.nonce]), body: got.body });
    expect(got.headers[AUTH_HEADERS.signature]).toBe(expected);
  });

  it('turns a 4xx error body into a rejection with its code', async () => {
    handler = reply(401, JSON.stringify({ error: { code: 'bad-signature', message: 'the signature does not match' } }));
    const result = await client.heartbeat(heartbeat);
    expect(result).toEqual({ ok: false, error: { kind: 'rejected', status: 401, code: 'bad-signature', message: 'the signature does not match' } });
    expect(!result.ok && isRetryable(result.error)).toBe(false);
  });

  it('turns a 500 into a server error, JSON or not', async () => {
    handler = reply(500, JSON.stringify({ error: { code: 'internal', message: 'boom' } }));
    expect(await client.heartbeat(heartbeat)).toMatchObject({ ok: false, error: { kind: 'server-error', status: 500 } });
    handler = reply(502, '<html>Bad Gateway</html>', 'text/html');
    const result = await client.heartbeat(heartbeat);
    expect(result).toMatchObject({ ok: false, error: { kind: 'server-error', status: 502 } });
    expect(!result.ok && isRetryable(result.error)).toBe(true);
  });

  it('turns garbage into an invalid response', async () => {
    handler = reply(200, 'this is not json');
    expect(await client.heartbeat(heartbeat)).toMatchObject({ ok: false, error: { kind: 'invalid-response', status: 200, message: expect.stringContaining('not JSON') } });
  });

  it('turns an answer of the wrong shape into an invalid response', async () => {
    handler = reply(200, JSON.stringify({ accepted: 'all of them' }));
    expect(await client.sendEvents([])).toMatchObject({ ok: false, error: { kind: 'invalid-response', message: expect.stringContaining('accepted') } });
  });

  it('gives up after the timeout on its clock', async () => {
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    handler = () => arrived();
    const pending = client.heartbeat(heartbeat);
    await requestArrived;
    await clock.advance(2_000);
    expect(await pending).toEqual({ ok: false, error: { kind: 'unreachable', cause: 'timeout', message: 'no answer within 2000 ms' } });
  });

  it('reports a refused connection as unreachable', async () => {
    const vacant = http.createServer();
    await new Promise<void>((resolve) => vacant.listen(0, '127.0.0.1', resolve));
    const port = (vacant.address() as AddressInfo).port;
    await new Promise<void>((resolve) => vacant.close(() => resolve()));
    const closed = createCentralClient({ baseUrl: `http://127.0.0.1:${port}`, ...key, clock });
    expect(await closed.heartbeat(heartbeat)).toMatchObject({ ok: false, error: { kind: 'unreachable', cause: 'network', message: expect.stringContaining('ECONNREFUSED') } });
  });

  it('reports a connection cut mid-answer as unreachable', async () => {
    handler = (request) => request.socket.destroy();
    expect(await client.heartbeat(heartbeat)).toMatchObject({ ok: false, error: { kind: 'unreachable', cause: 'network' } });
  });

  it('verifies documents without signing', async () => {
    let headers: http.IncomingHttpHeaders = {};
    let url = '';
    handler = (request, response, body) => {
      headers = request.headers;
      url = request.url ?? '';
      reply(200, JSON.stringify({ valid: false, reason: 'unknown' }))(request, response, body);
    };
    expect(await client.verifyDocument('2026-1125-0000-0001', '1111-2222-3333-4444')).toEqual({ ok: true, value: { valid: false, reason: 'unknown' } });
    expect(headers[AUTH_HEADERS.signature]).toBeUndefined();
    expect(url).toBe(`${API_PATHS.documentVerify}?issuance=2026-1125-0000-0001&code=1111-2222-3333-4444`);
  });

  it('logs routes, statuses and timings, never the resident number, the template or the record', async () => {
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (line: string) => lines.push(line) } });
    const logging = createCentralClient({ baseUrl, ...key, clock, logger });
    handler = reply(200, JSON.stringify({ verified: true, token: 't', expiresAt: new Date(clock.now()).toISOString(), entitlements: [], displayName: '홍길동' }));
    const result = await logging.verifyIdentity({ residentNumber: '800101-1234560', template: 'QUJDREVG', documentCodes: ['resident-copy'] });
    expect(result.ok).toBe(true);
    logger.flush();
    const text = lines.join('');
    expect(text).toContain('central-client.request');
    expect(text).toContain(API_PATHS.identityVerify);
    expect(containsResidentNumber(text)).toBe(false);
    expect(text).not.toContain('QUJDREVG');
    expect(text).not.toContain('홍길동');
  });
});
