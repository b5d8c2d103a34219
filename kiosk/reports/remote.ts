import { err, ok, type Result } from '../../common/result';
import { OperationsReport, type OperationsReportQuery } from '../../central-office/contract/operations-report';
import { signRequest, type SigningKey } from '../../central-office/contract/signature';

/**
 * The operators' report across kiosks, asked of the central office over its signed API with an operator key
 * (`GET /v1/operator/report`; the office's configuration lists operator keys). Validated against the contract.
 */
export const OPERATOR_REPORT_PATH = '/v1/operator/report';
export const REPORT_TIMEOUT_MS = 30_000;

export async function fetchOperatorReport(baseUrl: string, key: SigningKey, query: OperationsReportQuery, now = Date.now()): Promise<Result<OperationsReport, string>> {
  const params = new URLSearchParams({ period: query.period, ...(query.date ? { date: query.date } : {}), ...(query.kiosk ? { kiosk: query.kiosk } : {}) });
  const path = `${OPERATOR_REPORT_PATH}?${params.toString()}`;
  let response: Response;
  try {
    response = await fetch(new URL(path, baseUrl), {
      headers: signRequest(key, { method: 'GET', path, body: '', timestamp: now }),
      signal: AbortSignal.timeout(REPORT_TIMEOUT_MS),
    });
  } catch (error) {
    return err(`the central office at ${baseUrl} cannot be reached: ${(error as Error).message}`);
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const message = (body as { error?: { code?: string; message?: string } } | null)?.error;
    return err(`the central office refused the report (${response.status} ${message?.code ?? ''}): ${message?.message ?? 'no detail'}`);
  }
  const parsed = OperationsReport.safeParse(body);
  return parsed.success ? ok(parsed.data) : err(`the central office answered with something that is not a report: ${parsed.error.issues[0]?.message ?? ''}`);
}
