import { randomUUID } from 'node:crypto';
import type { IssuanceEvent } from '../../../central-office/contract/events';
import { signRequest, type SigningKey } from '../../../central-office/contract/signature';

/** Hand-made HTTP requests for tests that must forge, replay or mangle what the real client never would. */
export type RawAnswer = { readonly status: number; readonly body: unknown };

export async function rawRequest(
  baseUrl: string,
  request: {
    readonly method: 'GET' | 'POST';
    readonly path: string;
    readonly body?: string;
    readonly key?: SigningKey;
    readonly timestamp?: number;
    readonly nonce?: string;
    /** Sign this body instead of the one sent (a tampered request). */
    readonly signedBody?: string;
    readonly headers?: Record<string, string>;
  },
): Promise<RawAnswer & { readonly headers: Record<string, string> }> {
  const body = request.body ?? '';
  const headers: Record<string, string> = { 'content-type': 'application/json', ...request.headers };
  if (request.key) {
    Object.assign(
      headers,
      signRequest(request.key, {
        method: request.method,
        path: request.path,
        body: request.signedBody ?? body,
        timestamp: request.timestamp ?? Date.now(),
        ...(request.nonce ? { nonce: request.nonce } : {}),
      }),
    );
  }
  const response = await fetch(baseUrl + request.path, {
    method: request.method,
    headers: request.method === 'GET' ? Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'content-type')) : headers,
    ...(request.method === 'POST' ? { body } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // leave as text
  }
  return { status: response.status, body: parsed, headers: signedHeaders(headers) };
}

function signedHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith('x-kiosk-')));
}

export function makeEvent(kioskId: string, seq: number, at: number, overrides: Partial<IssuanceEvent> = {}): IssuanceEvent {
  return {
    eventId: randomUUID(),
    kioskId,
    seq,
    type: 'cash.note-stacked',
    occurredAt: new Date(at).toISOString(),
    sessionId: null,
    payload: { value: 1000 },
    ...overrides,
  };
}

export function makeEvents(kioskId: string, fromSeq: number, count: number, at: number): IssuanceEvent[] {
  return Array.from({ length: count }, (_, index) => makeEvent(kioskId, fromSeq + index, at + index));
}
