import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyRing } from '../service/kiosks';

/**
 * Logins to the operator page. An operator signs in with the key id and secret the office already knows for the
 * report endpoints (configuration `operators`); the browser then holds only a random session token in an HttpOnly,
 * SameSite=Strict cookie. Sessions live in memory: restarting the office signs everyone out, which is fine for a
 * read-only page. Repeated wrong secrets for one key id lock that key id out of the page for a while.
 */
export const OPERATOR_SESSION_MS = 8 * 3600_000;
export const MAX_LOGIN_FAILURES = 5;
export const LOGIN_LOCKOUT_MS = 15 * 60_000;
export const SESSION_COOKIE = 'kiosk_operator';

export type OperatorSession = { readonly token: string; readonly keyId: string; readonly name: string; readonly expiresAt: number };

export type LoginOutcome =
  | { readonly ok: true; readonly session: OperatorSession }
  | { readonly ok: false; readonly reason: 'wrong-credentials' | 'locked'; readonly retryAfterMs?: number };

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export class OperatorSessions {
  private readonly sessions = new Map<string, OperatorSession>();
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    private readonly keys: KeyRing,
    private readonly now: () => number,
  ) {}

  login(keyId: string, secret: string): LoginOutcome {
    const at = this.now();
    const guard = this.failures.get(keyId);
    if (guard && guard.lockedUntil > at) return { ok: false, reason: 'locked', retryAfterMs: guard.lockedUntil - at };
    const entry = this.keys.lookup(keyId);
    // Compare digests so that the comparison takes the same time whatever the lengths.
    const matches = entry !== undefined && timingSafeEqual(digest(entry.secret), digest(secret));
    if (!entry || !matches || entry.caller.role !== 'operator') {
      const count = (guard && guard.lockedUntil <= at && guard.count >= MAX_LOGIN_FAILURES ? 0 : (guard?.count ?? 0)) + 1;
      this.failures.set(keyId, { count, lockedUntil: count >= MAX_LOGIN_FAILURES ? at + LOGIN_LOCKOUT_MS : 0 });
      return { ok: false, reason: 'wrong-credentials' };
    }
    this.failures.delete(keyId);
    this.prune(at);
    const session: OperatorSession = { token: randomBytes(32).toString('hex'), keyId, name: entry.caller.name, expiresAt: at + OPERATOR_SESSION_MS };
    this.sessions.set(session.token, session);
    return { ok: true, session };
  }

  check(token: string | undefined): OperatorSession | undefined {
    if (!token) return undefined;
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(token);
      return undefined;
    }
    return session;
  }

  logout(token: string | undefined): void {
    if (token) this.sessions.delete(token);
  }

  private prune(at: number): void {
    for (const [token, session] of this.sessions) if (session.expiresAt <= at) this.sessions.delete(token);
  }
}

/** The session token from a Cookie header. */
export function sessionCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}
