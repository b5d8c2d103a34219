import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Logger } from '../../common/log';
import type { Result } from '../../common/result';
import { parseVoucherQr, VoucherCode, type RefundVoucherStatus } from '../contract/api';
import { buildOperationsReport, OperationsReportQuery } from '../contract/operations-report';
import type { CentralOffice } from '../office';
import { reportCsv } from '../contract/operations-report-csv';
import type { VoucherKey, VoucherRefusal } from '../service/vouchers';
import { CentralOperationsSource } from './central-source';
import { buildDashboard, todayIn } from './dashboard';
import { dashboardPage, loginPage, voucherPage, type PageLanguage, type VoucherOutcome } from './page';
import { OPERATOR_SESSION_MS, OperatorSessions, SESSION_COOKIE, sessionCookie, type OperatorSession } from './sessions';
import { OPERATOR_CSS } from './styles';

/**
 * The operator page, served by the central office next to its API (docs/operator-guide.md): behind a login with the
 * operator keys of the office's configuration, no script, nothing loaded from elsewhere. It only reads, except for
 * the voucher page, where the district office's counter records a refund voucher as paid (the clerk is already
 * signed in here; the signed API would need a program at the counter). Also the signed JSON report
 * (`GET /v1/operator/report`) that `kiosk report --kiosk` reads.
 */
export const OPERATOR_PATHS = {
  page: '/operator',
  login: '/operator/login',
  logout: '/operator/logout',
  css: '/operator/operator.css',
  csv: '/operator/report.csv',
  report: '/v1/operator/report',
  voucher: '/operator/voucher',
  voucherClaim: '/operator/voucher/claim',
} as const;

/** The page needs no script and loads only its own stylesheet; forms post only to this office. */
export const OPERATOR_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const PageQuery = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  lang: z.enum(['ko', 'en']).optional(),
});
const LoginForm = z.object({ keyId: z.string().min(1).max(100), secret: z.string().min(1).max(500) });
const VoucherQuery = z.object({ code: z.string().max(300).optional(), kiosk: z.string().max(40).optional(), lang: z.enum(['ko', 'en']).optional() });
const ClaimForm = z.object({ code: VoucherCode, kiosk: z.string().min(1).max(40), token: z.string().min(1).max(200) });

/**
 * What the clerk typed or scanned: the voucher's QR text (`KRREFUND1|code|amount|kiosk`, from a scanner that types
 * into the field), or the code as printed. Codes and kiosk ids are upper case (the kiosk's voucher alphabet, the
 * office's kiosk ids), so a code typed in lower case is taken as meant. The QR's amount is not read.
 */
export function voucherKeyOf(input: string, kiosk: string): VoucherKey | null {
  const text = input.trim();
  const qr = parseVoucherQr(text);
  if (qr) return { voucherCode: qr.voucherCode, kioskId: qr.kioskId };
  const code = text.toUpperCase();
  if (!VoucherCode.safeParse(code).success) return null;
  const kioskId = kiosk.trim().toUpperCase();
  return kioskId ? { voucherCode: code, kioskId } : { voucherCode: code };
}

function outcomeOf(result: Result<RefundVoucherStatus, VoucherRefusal>, key: VoucherKey): { status: number; outcome: VoucherOutcome } {
  if (result.ok) return { status: 200, outcome: { kind: 'found', voucher: result.value, justClaimed: false } };
  const refusal = result.error;
  switch (refusal.code) {
    case 'already-claimed':
      return refusal.voucher ? { status: 409, outcome: { kind: 'already-claimed', voucher: refusal.voucher } } : { status: 409, outcome: { kind: 'unknown' } };
    case 'voucher-ambiguous':
      return { status: 409, outcome: { kind: 'ambiguous', code: key.voucherCode, kiosks: refusal.kiosks ?? [] } };
    default:
      return { status: refusal.status, outcome: { kind: 'unknown' } };
  }
}

export type OperatorPageOptions = { readonly logger: Logger };

export function registerOperatorPages(app: FastifyInstance, office: CentralOffice, options: OperatorPageOptions): OperatorSessions {
  const sessions = new OperatorSessions(office.keys, () => office.now());
  const forms = new WeakMap<FastifyRequest, URLSearchParams>();
  const log = options.logger;

  // The office's API reads every POST body as JSON after its own checks; these two forms are posted by a browser
  // as application/x-www-form-urlencoded, so they are read here first and the API's parser is handed an empty object.
  const readForm = async (request: FastifyRequest) => {
    const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
    forms.set(request, new URLSearchParams(raw));
    request.body = Buffer.from('{}');
  };

  const secure = (request: FastifyRequest) => request.headers['x-forwarded-proto'] === 'https' || request.protocol === 'https';
  const page = (reply: FastifyReply, status: number, body: string) =>
    reply
      .code(status)
      .header('Content-Security-Policy', OPERATOR_CSP)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'no-referrer')
      .header('Cache-Control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(body);
  const signedIn = (request: FastifyRequest): OperatorSession | undefined => sessions.check(sessionCookie(request.headers.cookie));
  const languageOf = (request: FastifyRequest): PageLanguage => (PageQuery.safeParse(request.query).data?.lang === 'en' ? 'en' : 'ko');

  app.get(OPERATOR_PATHS.css, async (_request, reply) => reply.code(200).type('text/css; charset=utf-8').header('Cache-Control', 'max-age=300').send(OPERATOR_CSS));

  app.get(OPERATOR_PATHS.login, async (request, reply) => page(reply, 200, loginPage(languageOf(request), null)));

  app.post(OPERATOR_PATHS.login, { preValidation: readForm }, async (request, reply) => {
    const lang = languageOf(request);
    const form = LoginForm.safeParse(Object.fromEntries(forms.get(request) ?? []));
    if (!form.success) return page(reply, 400, loginPage(lang, 'wrong'));
    const outcome = sessions.login(form.data.keyId, form.data.secret);
    if (!outcome.ok) {
      log.warn({ event: 'central.operator-login-refused', keyId: form.data.keyId, reason: outcome.reason });
      return page(reply, outcome.reason === 'locked' ? 429 : 401, loginPage(lang, outcome.reason === 'locked' ? 'locked' : 'wrong'));
    }
    log.info({ event: 'central.operator-login', keyId: outcome.session.keyId });
    const cookie = `${SESSION_COOKIE}=${outcome.session.token}; HttpOnly; SameSite=Strict; Path=/operator; Max-Age=${OPERATOR_SESSION_MS / 1000}${secure(request) ? '; Secure' : ''}`;
    return reply.code(303).header('Set-Cookie', cookie).header('Location', `${OPERATOR_PATHS.page}${lang === 'en' ? '?lang=en' : ''}`).send();
  });

  app.post(OPERATOR_PATHS.logout, { preValidation: readForm }, async (request, reply) => {
    sessions.logout(sessionCookie(request.headers.cookie));
    return reply.code(303).header('Set-Cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/operator; Max-Age=0`).header('Location', OPERATOR_PATHS.login).send();
  });

  app.get(OPERATOR_PATHS.page, async (request, reply) => {
    const session = signedIn(request);
    if (!session) return reply.code(303).header('Location', OPERATOR_PATHS.login).header('Cache-Control', 'no-store').send();
    const query = PageQuery.safeParse(request.query);
    const now = office.now();
    const date = (query.success ? query.data.date : undefined) ?? todayIn(now);
    const dashboard = await buildDashboard(office, date, now);
    return page(reply, 200, dashboardPage(dashboard, session.name, query.data?.lang ?? 'ko'));
  });

  app.get(OPERATOR_PATHS.voucher, async (request, reply) => {
    const session = signedIn(request);
    if (!session) return reply.code(303).header('Location', OPERATOR_PATHS.login).header('Cache-Control', 'no-store').send();
    const query = VoucherQuery.safeParse(request.query);
    const lang = query.data?.lang === 'en' ? 'en' : 'ko';
    const input = query.data?.code ?? '';
    const kiosk = query.data?.kiosk ?? '';
    const view = (status: number, outcome: VoucherOutcome) => page(reply, status, voucherPage({ input, kiosk, formToken: session.formToken, outcome }, session.name, lang));
    if (input.trim() === '') return view(200, { kind: 'none' });
    const key = voucherKeyOf(input, kiosk);
    if (!key) return view(400, { kind: 'invalid' });
    const found = outcomeOf(await office.lookupVoucher(key), key);
    return view(found.status, found.outcome);
  });

  // Answered with the page itself, not a redirect: reloading it re-posts the claim, which is then refused as
  // already paid — the truth, where a redirect's "recorded" could be shown again long after.
  app.post(OPERATOR_PATHS.voucherClaim, { preValidation: readForm }, async (request, reply) => {
    const session = signedIn(request);
    if (!session) return reply.code(303).header('Location', OPERATOR_PATHS.login).header('Cache-Control', 'no-store').send();
    const lang = languageOf(request);
    const form = ClaimForm.safeParse(Object.fromEntries(forms.get(request) ?? []));
    const input = form.data?.code ?? '';
    const kiosk = form.data?.kiosk ?? '';
    const view = (status: number, outcome: VoucherOutcome) => page(reply, status, voucherPage({ input, kiosk, formToken: session.formToken, outcome }, session.name, lang));
    if (!form.success) return view(400, { kind: 'invalid' });
    if (!sessions.formTokenMatches(session, form.data.token)) {
      log.warn({ event: 'central.voucher-claim-refused', voucher: form.data.code, code: 'form-token', keyId: session.keyId });
      return view(403, { kind: 'expired-form' });
    }
    const key = { voucherCode: form.data.code, kioskId: form.data.kiosk };
    const claimed = await office.claimVoucher(key, { keyId: session.keyId, name: session.name });
    if (!claimed.ok) {
      log.warn({ event: 'central.voucher-claim-refused', voucher: key.voucherCode, kioskId: key.kioskId, code: claimed.error.code, keyId: session.keyId });
      const refused = outcomeOf(claimed, key);
      return view(refused.status, refused.outcome);
    }
    log.info({ event: 'central.voucher-claimed', voucher: claimed.value.voucherCode, kioskId: claimed.value.kioskId, amount: claimed.value.amount, keyId: session.keyId });
    return view(200, { kind: 'found', voucher: claimed.value, justClaimed: true });
  });

  app.get(OPERATOR_PATHS.csv, async (request, reply) => {
    if (!signedIn(request)) return reply.code(303).header('Location', OPERATOR_PATHS.login).send();
    const query = OperationsReportQuery.safeParse(request.query);
    if (!query.success) return reply.code(400).type('text/plain; charset=utf-8').send(`bad report query: ${query.error.issues.map((issue) => issue.message).join('; ')}`);
    const now = office.now();
    const report = await buildOperationsReport(new CentralOperationsSource(office.storage.db, office.keys), { ...query.data, date: query.data.date ?? todayIn(now) }, now);
    return reply
      .code(200)
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="kiosk-report-${report.period}-${report.window.label}.csv"`)
      .header('Cache-Control', 'no-store')
      .send(reportCsv(report));
  });

  app.get(OPERATOR_PATHS.report, { config: { access: 'operator' } }, async (request, reply) => {
    const query = OperationsReportQuery.safeParse(request.query);
    if (!query.success) {
      return reply.code(400).send({ error: { code: 'invalid-request', message: query.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') } });
    }
    const now = office.now();
    return reply.code(200).send(await buildOperationsReport(new CentralOperationsSource(office.storage.db, office.keys), { ...query.data, date: query.data.date ?? todayIn(now) }, now));
  });

  return sessions;
}
