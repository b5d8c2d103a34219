import type { DocumentCode } from '../../catalog';
import type { Won } from '../../common/money';
import type { PrePaymentFacts } from './facts';

/**
 * The guards before the citizen pays (issue 7): a document that cannot be issued says why before any money is
 * taken. Each check is a separate rule so that each has its own test; the summary screen shows every problem.
 */
export type PrePaymentLine = { readonly code: DocumentCode; readonly sheets: number };

export type PrePaymentProblem = { readonly code: DocumentCode; readonly reasonKey: string };

export type PrePaymentQuestion = {
  readonly lines: readonly PrePaymentLine[];
  readonly due: Won;
};

type Rule = (facts: PrePaymentFacts, question: PrePaymentQuestion) => PrePaymentProblem[];

const everyLine = (question: PrePaymentQuestion, reasonKey: string): PrePaymentProblem[] =>
  question.lines.map((line) => ({ code: line.code, reasonKey }));

/** Operating hours and office-hours-only documents may have closed while the citizen was choosing. */
export const availableNow: Rule = (facts, question) =>
  question.lines.flatMap((line) => {
    const availability = facts.availability[line.code];
    if (!availability) return [{ code: line.code, reasonKey: 'availability.unknown' }];
    return availability.available ? [] : [{ code: line.code, reasonKey: `availability.${availability.reason}` }];
  });

/** The A4 printer must be ready and hold the security paper for every page of every copy. */
export const printerReady: Rule = (facts, question) => {
  if (facts.printer.a4.state !== 'ready') return everyLine(question, 'printer.not-ready');
  const needed = question.lines.reduce((sum, line) => sum + line.sheets, 0);
  const left = facts.printer.a4.sheetsLeft;
  return left !== null && left < needed ? everyLine(question, 'printer.paper-short') : [];
};

/**
 * Taking money needs an acceptor, and at least one note the money service would keep for this amount (it decides
 * which: those whose change the hoppers can give, kiosk/cash/policy.ts). The session only says why not.
 */
export const changeAvailable: Rule = (facts, question) => {
  if (question.due === 0) return [];
  if (facts.cash.acceptor !== 'ready') return everyLine(question, 'payment.acceptor-not-ready');
  return facts.cash.notes.length === 0 ? everyLine(question, 'payment.no-change') : [];
};

/**
 * The reserved issuance numbers live at the central office and the issuance is reported to it: the session does
 * not take money for documents while the office cannot be reached.
 */
export const officeReachable: Rule = (facts, question) =>
  facts.officeReachable ? [] : everyLine(question, 'office.unreachable');

export const PRE_PAYMENT_RULES: readonly Rule[] = [availableNow, printerReady, changeAvailable, officeReachable];

export function prePaymentProblems(facts: PrePaymentFacts, question: PrePaymentQuestion): PrePaymentProblem[] {
  return PRE_PAYMENT_RULES.flatMap((rule) => rule(facts, question));
}
