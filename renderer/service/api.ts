import type { DayCloseResult } from '../../kiosk/day-close/close';
import type { AuditEntry } from '../../kiosk/service-mode/audit';
import type { SelfTestRun, ServiceModeError, ServiceOverview } from '../../kiosk/service-mode/service-mode';

/**
 * The service screen's calls to the kiosk's service-mode routes (kiosk/service-mode/routes.ts). The session token
 * lives in this object only — never in storage — so a reload asks for the PIN again.
 */
export const SERVICE_API = '/service/api';

export type ApiError = ServiceModeError | { readonly kind: 'network'; readonly detail: string };
export type Answer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiError };

export type Exported = { readonly name: string; readonly lines: number; readonly bytes: number };
export type CashBoxContent = { readonly byDenomination: Readonly<Record<string, number>>; readonly notes: number; readonly total: number };

export interface ServiceClient {
  readonly signedIn: boolean;
  enter(pin: string): Promise<Answer<{ expiresAt: number }>>;
  exit(): Promise<void>;
  overview(): Promise<Answer<ServiceOverview>>;
  startSelfTest(device: string): Promise<Answer<SelfTestRun>>;
  selfTest(testId: string): Promise<Answer<SelfTestRun>>;
  cancelSelfTest(testId: string): Promise<Answer<SelfTestRun>>;
  refillPaper(body: { printer: 'a4'; sheetsAdded?: number; sheetsInTray?: number } | { printer: 'receipt' }): Promise<Answer<{ remaining: number | null }>>;
  refillHopper(coinValue: number, coins: number): Promise<Answer<unknown>>;
  countHopper(coinValue: number, coins: number): Promise<Answer<unknown>>;
  removeCashBox(): Promise<Answer<CashBoxContent>>;
  closeDay(counted: Record<string, number> | undefined): Promise<Answer<DayCloseResult>>;
  exportLogs(): Promise<Answer<Exported>>;
  audit(limit: number): Promise<Answer<AuditEntry[]>>;
}

export function createServiceClient(base = '', fetcher: typeof fetch = (...args) => fetch(...args)): ServiceClient {
  let token: string | undefined;
  async function call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<Answer<T>> {
    try {
      const response = await fetcher(`${base}${SERVICE_API}${route}`, {
        method,
        headers: { ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}), ...(token ? { 'X-Service-Token': token } : {}) },
        ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
      });
      const answer = (await response.json()) as { error?: ServiceModeError } & T;
      if (!response.ok) {
        if (response.status === 401) token = undefined;
        return { ok: false, error: answer.error ?? { kind: 'network', detail: `HTTP ${response.status}` } };
      }
      return { ok: true, value: answer };
    } catch (error) {
      return { ok: false, error: { kind: 'network', detail: (error as Error).message } };
    }
  }
  return {
    get signedIn() {
      return token !== undefined;
    },
    async enter(pin) {
      const answer = await call<{ token: string; expiresAt: number }>('POST', '/enter', { pin });
      if (answer.ok) token = answer.value.token;
      return answer.ok ? { ok: true, value: { expiresAt: answer.value.expiresAt } } : answer;
    },
    async exit() {
      await call('POST', '/exit');
      token = undefined;
    },
    overview: () => call('GET', '/overview'),
    startSelfTest: (device) => call('POST', '/self-tests', { device }),
    selfTest: (testId) => call('GET', `/self-tests/${encodeURIComponent(testId)}`),
    cancelSelfTest: (testId) => call('POST', `/self-tests/${encodeURIComponent(testId)}/cancel`),
    refillPaper: (body) => call('POST', '/paper', body),
    refillHopper: (coinValue, coins) => call('POST', `/hoppers/${coinValue}/refill`, { coins }),
    countHopper: (coinValue, coins) => call('POST', `/hoppers/${coinValue}/count`, { coins }),
    removeCashBox: () => call('POST', '/cash-box/remove'),
    closeDay: (counted) => call('POST', '/day-close', counted ? { counted } : {}),
    exportLogs: () => call('POST', '/logs/export'),
    audit: (limit) => call('GET', `/audit?limit=${limit}`),
  };
}
