import http from 'node:http';
import https from 'node:https';
import { err, ok, type Result } from '../../common/result';

/**
 * How IPP messages travel: HTTP POST with `Content-Type: application/ipp` to the printer URI (ipp:// is http://
 * on port 631 unless given, ipps:// is https://), or straight into the simulated printer in the same process.
 */
export type IppTransportError = { readonly kind: 'unreachable' | 'timeout' | 'http-status'; readonly detail: string };

export interface IppTransport {
  readonly description: string;
  exchange(request: Uint8Array): Promise<Result<Uint8Array, IppTransportError>>;
}

export const IPP_HTTP_TIMEOUT_MS = 15_000;

export function httpUrlOf(printerUri: string): URL {
  const url = new URL(printerUri);
  const secure = url.protocol === 'ipps:';
  if (url.protocol !== 'ipp:' && !secure) throw new Error(`not an ipp:// or ipps:// URI: ${printerUri}`);
  const httpUrl = new URL(`${secure ? 'https' : 'http'}://${url.host}${url.pathname}${url.search}`);
  if (!url.port) httpUrl.port = '631';
  return httpUrl;
}

export function httpIppTransport(printerUri: string, timeoutMs = IPP_HTTP_TIMEOUT_MS): IppTransport {
  const url = httpUrlOf(printerUri);
  const client = url.protocol === 'https:' ? https : http;
  return {
    description: printerUri,
    exchange(request) {
      return new Promise((resolve) => {
        const req = client.request(
          url,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/ipp', 'Content-Length': request.length },
            timeout: timeoutMs,
            // Printers commonly present self-signed certificates on ipps://; the LAN to the printer is the kiosk's own.
            ...(url.protocol === 'https:' ? { rejectUnauthorized: false } : {}),
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              if (response.statusCode !== 200) {
                resolve(err({ kind: 'http-status', detail: `HTTP ${response.statusCode ?? '?'} from ${printerUri}` }));
                return;
              }
              resolve(ok(new Uint8Array(Buffer.concat(chunks))));
            });
            response.on('error', (error) => resolve(err({ kind: 'unreachable', detail: error.message })));
          },
        );
        req.on('timeout', () => {
          req.destroy();
          resolve(err({ kind: 'timeout', detail: `no answer from ${printerUri} within ${timeoutMs} ms` }));
        });
        req.on('error', (error) => resolve(err({ kind: 'unreachable', detail: error.message })));
        req.end(Buffer.from(request));
      });
    },
  };
}
