import { err, ok, type Result } from '../../common/result';
import type { DayCloseResult } from '../day-close/close';
import type { DeviceReport } from '../diagnostics/types';
import { SERVICE_API, SERVICE_TOKEN_HEADER } from './handlers';
import type { SelfTestRun, ServiceModeError, ServiceOverview } from './service-mode';

/**
 * Service mode of a running kiosk, over its browser host: what `kiosk diag` and `kiosk close-day` use when the kiosk
 * holds the devices' ports. Errors are values: the kiosk's own (`wrong-pin`, `locked` …) or `unreachable`.
 */
export type ClientError = ServiceModeError | { readonly kind: 'unreachable'; readonly detail: string };

export const HEALTH_TIMEOUT_MS = 1_500;

/** Whether a kiosk answers at this address (its browser host's health path). */
export async function kioskRunning(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
    return response.ok;
  } catch {
    return false;
  }
}

export class ServiceModeClient {
  private token: string | undefined;

  constructor(private readonly baseUrl: string) {}

  private async call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<Result<T, ClientError>> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${SERVICE_API}${route}`, {
        method,
        headers: { ...(method === 'POST' ? { 'content-type': 'application/json' } : {}), ...(this.token ? { [SERVICE_TOKEN_HEADER]: this.token } : {}) },
        ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
      });
    } catch (error) {
      return err({ kind: 'unreachable', detail: `${this.baseUrl}: ${(error as Error).message}` });
    }
    const answer = (await response.json().catch(() => ({}))) as { error?: ClientError } & T;
    if (!response.ok) {
      // Service mode's own refusals carry `{ error: { kind, detail } }`; anything else (a 404 page) does not.
      if (answer.error !== null && typeof answer.error === 'object' && 'kind' in answer.error) return err(answer.error);
      return err(response.status === 404 ? { kind: 'unavailable', detail: 'this kiosk does not serve service mode (its service routes are not registered)' } : { kind: 'unreachable', detail: `HTTP ${response.status}` });
    }
    return ok(answer);
  }

  async enter(pin: string): Promise<Result<void, ClientError>> {
    const entered = await this.call<{ token: string }>('POST', '/enter', { pin });
    if (!entered.ok) return entered;
    this.token = entered.value.token;
    return ok(undefined);
  }

  async exit(): Promise<void> {
    if (this.token) await this.call('POST', '/exit');
    this.token = undefined;
  }

  overview(): Promise<Result<ServiceOverview & { devices: DeviceReport[] }, ClientError>> {
    return this.call('GET', '/overview');
  }

  startSelfTest(device: string): Promise<Result<SelfTestRun, ClientError>> {
    return this.call('POST', '/self-tests', { device });
  }

  selfTest(testId: string): Promise<Result<SelfTestRun, ClientError>> {
    return this.call('GET', `/self-tests/${encodeURIComponent(testId)}`);
  }

  cancelSelfTest(testId: string): Promise<Result<SelfTestRun, ClientError>> {
    return this.call('POST', `/self-tests/${encodeURIComponent(testId)}/cancel`);
  }

  closeDay(input: { counted?: Record<string, number>; businessDate?: string }): Promise<Result<DayCloseResult, ClientError>> {
    return this.call('POST', '/day-close', input);
  }
}
