import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyRing } from '../service/kiosks';

/**
 * Logins to the operator page. An operator signs in with the key id and secret the office already knows for the
 * report endpoints (configuration `operators`); the browser then holds only a random session token in an HttpOnly,
 * SameSite=Strict cookie. Sessions live in memory: restarting the office signs everyone out, which costs a sign-in
 * and nothing else (the page's one write, a voucher claim, is stored at once). Repeated wrong secrets for one key id
 * lock that key id out of the page for a while.
 *
 * Each session also has a form token that the page's one write form (the voucher claim) must carry: with the
 * SameSite cookie it keeps another site from making an operator's browser record a claim.
 */
export const OPERATOR_SESSION_MS = 8 * 3600_000;
export const MAX_LOGIN_FAILURES = 5;
export const LOGIN_LOCKOUT_MS = 15 * 60_000;
export const SESSION_COOKIE = 'kiosk_operator';

export type OperatorSession = { readonly token: string; readonly keyId: string; readonly name: string; readonly expiresAt: number; readonly formToken: string };

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
    const session: OperatorSession = {
      token: randomBytes(32).toString('hex'),
      keyId,
      name: entry.caller.name,
      expiresAt: at + OPERATOR_SESSION_MS,
      formToken: randomBytes(32).toString('hex'),
    };
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

  /** Whether a posted form carries this session's form token (compared in constant time). */
  formTokenMatches(session: OperatorSession, posted: string | undefined): boolean {
    return posted !== undefined && timingSafeEqual(digest(session.formToken), digest(posted));
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
