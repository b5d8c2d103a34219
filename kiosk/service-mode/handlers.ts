import { z } from 'zod';
import type { Result } from '../../common/result';
import type { ServiceMode, ServiceModeError } from './service-mode';

/**
 * Service mode's requests, independent of the transport: the browser host maps them to HTTP (routes.ts); an Electron
 * shell can map the same handlers to IPC. Bodies are validated here (zod); the service session token travels in
 * the `X-Service-Token` header (HTTP) or beside the body (IPC).
 */
export const SERVICE_API = '/service/api';
export const SERVICE_TOKEN_HEADER = 'x-service-token';

export type HandlerAnswer = { readonly status: number; readonly body: unknown };

const STATUS: Record<ServiceModeError['kind'], number> = {
  'not-signed-in': 401,
  'wrong-pin': 403,
  locked: 423,
  busy: 409,
  invalid: 400,
  unknown: 404,
  unavailable: 501,
};

const EnterBody = z.object({ pin: z.string().regex(/^\d{4,12}$/, 'the PIN is 4–12 digits') }).strict();
const SelfTestBody = z.object({ device: z.string().min(1).max(40) }).strict();
const PaperBody = z.discriminatedUnion('printer', [
  z.object({ printer: z.literal('a4'), sheetsAdded: z.number().int().optional(), sheetsInTray: z.number().int().optional() }).strict(),
  z.object({ printer: z.literal('receipt') }).strict(),
]);
const CoinsBody = z.object({ coins: z.number().int() }).strict();
const CoinValue = z.coerce.number().int().positive();
const DayCloseBody = z
  .object({
    counted: z.record(z.string().regex(/^\d+$/), z.number().int().min(0)).optional(),
    businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  })
  .strict();
const AuditQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() });

function answer<T>(result: Result<T, ServiceModeError>, status = 200): HandlerAnswer {
  return result.ok ? { status, body: result.value } : { status: STATUS[result.error.kind], body: { error: result.error } };
}

function invalid(error: z.ZodError): HandlerAnswer {
  return { status: 400, body: { error: { kind: 'invalid', detail: error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ') } } };
}

export type ServiceModeHandlers = ReturnType<typeof createServiceModeHandlers>;

export function createServiceModeHandlers(service: ServiceMode) {
  return {
    enter(body: unknown): HandlerAnswer {
      const parsed = EnterBody.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      return answer(service.enter(parsed.data.pin));
    },
    exit(token: string | undefined): HandlerAnswer {
      return answer(service.exit(token));
    },
    async overview(token: string | undefined): Promise<HandlerAnswer> {
      return answer(await service.overview(token));
    },
    startSelfTest(token: string | undefined, body: unknown): HandlerAnswer {
      const parsed = SelfTestBody.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      return answer(service.startSelfTest(token, parsed.data.device), 202);
    },
    selfTest(token: string | undefined, testId: string): HandlerAnswer {
      return answer(service.selfTest(token, testId));
    },
    cancelSelfTest(token: string | undefined, testId: string): HandlerAnswer {
      return answer(service.cancelSelfTest(token, testId));
    },
    refillPaper(token: string | undefined, body: unknown): HandlerAnswer {
      const parsed = PaperBody.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      return answer(service.refillPaper(token, parsed.data));
    },
    refillHopper(token: string | undefined, coinValue: string, body: unknown): HandlerAnswer {
      const coin = CoinValue.safeParse(coinValue);
      const parsed = CoinsBody.safeParse(body);
      if (!coin.success) return invalid(coin.error);
      if (!parsed.success) return invalid(parsed.error);
      return answer(service.refillHopper(token, coin.data, parsed.data.coins));
    },
    countHopper(token: string | undefined, coinValue: string, body: unknown): HandlerAnswer {
      const coin = CoinValue.safeParse(coinValue);
      const parsed = CoinsBody.safeParse(body);
      if (!coin.success) return invalid(coin.error);
      if (!parsed.success) return invalid(parsed.error);
      return answer(service.countHopper(token, coin.data, parsed.data.coins));
    },
    removeCashBox(token: string | undefined): HandlerAnswer {
      return answer(service.removeCashBox(token));
    },
    async closeDay(token: string | undefined, body: unknown): Promise<HandlerAnswer> {
      const parsed = DayCloseBody.safeParse(body ?? {});
      if (!parsed.success) return invalid(parsed.error);
      return answer(await service.closeDay(token, parsed.data));
    },
    async exportLogs(token: string | undefined): Promise<HandlerAnswer> {
      return answer(await service.exportLogs(token));
    },
    exportFile(token: string | undefined, name: string): Result<string, ServiceModeError> {
      return service.exportFile(token, name);
    },
    audit(token: string | undefined, query: unknown): HandlerAnswer {
      const parsed = AuditQuery.safeParse(query ?? {});
      if (!parsed.success) return invalid(parsed.error);
      return answer(service.auditTrail(token, parsed.data.limit));
    },
  };
}

export function errorStatus(error: ServiceModeError): number {
  return STATUS[error.kind];
}
