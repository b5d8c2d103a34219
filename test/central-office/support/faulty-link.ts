import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SeededRandom } from '../../../central-office/population/random';

/**
 * A bad network between a kiosk and the central office, on loopback: an HTTP proxy that drops requests before
 * they arrive, drops answers after the office has applied the request, delivers some requests twice (the second
 * copy later, after newer requests) and holds others back so that they overtake each other. `down` refuses every
 * connection, as an office that is off. Decisions come from a seeded generator so a failing run can be repeated.
 */
export type LinkFaults = {
  /** Close the connection without forwarding. */
  readonly dropRequest: number;
  /** Forward, let the office apply it, then close the connection instead of answering. */
  readonly dropResponse: number;
  /** Forward a second copy later. */
  readonly duplicate: number;
  /** Hold the request up to `maxDelayMs` before forwarding. */
  readonly delay: number;
  readonly maxDelayMs: number;
};

export const NO_FAULTS: LinkFaults = { dropRequest: 0, dropResponse: 0, duplicate: 0, delay: 0, maxDelayMs: 0 };

export type FaultyLink = {
  readonly url: string;
  faults: LinkFaults;
  down: boolean;
  /** Where requests go; change it to point at a restarted office. */
  target: string;
  readonly stats: { requests: number; droppedRequests: number; droppedResponses: number; duplicated: number; delayed: number; refused: number };
  close(): Promise<void>;
};

export async function startFaultyLink(target: string, faults: LinkFaults, seed = 'link'): Promise<FaultyLink> {
  const rng = new SeededRandom(seed);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const stats = { requests: 0, droppedRequests: 0, droppedResponses: 0, duplicated: 0, delayed: 0, refused: 0 };
  const pending = new Set<NodeJS.Timeout>();

  const forward = (method: string, url: string, headers: http.IncomingHttpHeaders, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer } | null> =>
    new Promise((resolve) => {
      const upstream = new URL(link.target);
      const request = http.request(
        { host: upstream.hostname, port: upstream.port, method, path: url, headers: { ...headers, host: upstream.host, connection: 'keep-alive' }, agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
          response.on('error', () => resolve(null));
        },
      );
      request.on('error', () => resolve(null));
      request.end(body);
    });
  const later = (ms: number, action: () => void) => {
    const timer = setTimeout(() => {
      pending.delete(timer);
      action();
    }, ms);
    pending.add(timer);
  };

  const link: FaultyLink = {
    url: '',
    faults,
    down: false,
    target,
    stats,
    close: async () => {
      for (const timer of pending) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      stats.requests++;
      const body = Buffer.concat(chunks);
      const { method = 'GET', url = '/', headers } = request;
      const f = link.faults;
      if (link.down) {
        stats.refused++;
        request.socket.destroy();
        return;
      }
      if (rng.chance(f.dropRequest)) {
        stats.droppedRequests++;
        request.socket.destroy();
        return;
      }
      if (rng.chance(f.duplicate)) {
        stats.duplicated++;
        later(rng.int(0, Math.max(1, f.maxDelayMs)), () => void forward(method, url, headers, body));
      }
      if (rng.chance(f.delay)) {
        stats.delayed++;
        await new Promise<void>((resolve) => later(rng.int(1, Math.max(1, f.maxDelayMs)), resolve));
      }
      const dropAnswer = rng.chance(f.dropResponse);
      const answer = await forward(method, url, headers, body);
      if (!answer || dropAnswer) {
        if (dropAnswer) stats.droppedResponses++;
        request.socket.destroy();
        return;
      }
      const { 'transfer-encoding': _chunked, connection: _connection, 'keep-alive': _keepAlive, ...rest } = answer.headers;
      response.writeHead(answer.status, { ...rest, 'content-length': String(answer.body.length) });
      response.end(answer.body);
    });
  });
  // A refused connection when down: accept and close at once (the kiosk sees a reset).
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  (link as { url: string }).url = `http://127.0.0.1:${address.port}`;
  return link;
}
