import {
  documentOf,
  quoteFee,
  resolveOptions,
  type DocumentCode,
  type OptionValue,
  type WaiverReason,
} from '../../catalog';
import type { Won } from '../../common/money';
import { DEFAULT_DISPLAY, type DisplayPreferences, type RefundNotice } from '../view-model';
import { MAX_FINGERPRINT_ATTEMPTS } from './timeouts';
import type {
  BasketItem,
  DisplayChange,
  EditingDocument,
  IdentityProgress,
  LinePrint,
  MoneyState,
  PrintingState,
  SessionContext,
  SessionInput,
  SessionOutcome,
} from './types';

/** Pure helpers over the session's context; the machine's actions are thin wrappers around them. */

export const INITIAL_IDENTITY: IdentityProgress = {
  attemptsUsed: 0,
  attemptsLeft: MAX_FINGERPRINT_ATTEMPTS,
  phase: 'place-finger',
  guidanceKey: null,
  token: null,
  entitlements: [],
  failureKey: null,
};

export const INITIAL_MONEY: MoneyState = {
  due: 0,
  inserted: 0,
  escrow: null,
  phase: 'insert',
  acceptedNotes: [],
  requested: false,
  messageKey: null,
  paidInFull: false,
  feesKept: 0,
  changeDue: 0,
  changePaid: 0,
  refundDue: 0,
  refundPaid: 0,
  refundOwed: 0,
  voucherCode: null,
  payoutProgress: 0,
};

export const INITIAL_PRINTING: PrintingState = {
  line: 0,
  copy: 1,
  page: 0,
  fromPage: 1,
  phase: 'printing',
  faultKey: null,
  recoveries: 0,
  lines: [],
};

/** A fresh session: everything the previous citizen chose or typed is gone (display settings too). */
export function freshContext(input: Pick<SessionContext, 'feeSchedule' | 'offered' | 'outOfService'>): SessionContext {
  return {
    feeSchedule: input.feeSchedule,
    offered: input.offered,
    sessionId: null,
    language: 'ko',
    display: DEFAULT_DISPLAY,
    keypad: null,
    basket: [],
    editing: null,
    digits: '',
    residentErrorKey: null,
    residentWarningKey: null,
    identity: INITIAL_IDENTITY,
    records: { done: 0, total: 0 },
    summaryProblems: [],
    money: INITIAL_MONEY,
    cancelRequested: false,
    paymentEnd: null,
    printing: INITIAL_PRINTING,
    outcome: null,
    finalScreen: 'none',
    notice: null,
    refund: null,
    idle: { limitMs: null, secondsLeft: null, extensionsUsed: 0 },
    outOfService: input.outOfService,
    recovery: null,
    receiptPrinting: false,
    refs: [],
  };
}

export function initialContext(input: SessionInput): SessionContext {
  const context = freshContext({ feeSchedule: input.feeSchedule, offered: input.offered, outOfService: [] });
  if (!input.recovery) return context;
  return {
    ...context,
    sessionId: input.recovery.sessionId,
    language: input.recovery.language,
    display: input.recovery.display,
    recovery: input.recovery,
  };
}

// ---- display and keypad ------------------------------------------------------------------------------------

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export function changeDisplay(display: DisplayPreferences, change: DisplayChange): DisplayPreferences {
  return {
    textScale: change.textScale ?? display.textScale,
    contrast: change.contrast ?? display.contrast,
    lowPosition: change.lowPosition ?? display.lowPosition,
    voice: {
      enabled: change.voice?.enabled ?? display.voice.enabled,
      volume: clamp(change.voice?.volume ?? display.voice.volume, 0, 1),
      rate: clamp(change.voice?.rate ?? display.voice.rate, 0.5, 2),
    },
  };
}

/** Volume and speech-rate keys of the accessible keypad act at once; the other keys only move focus. */
export function displayAfterKey(display: DisplayPreferences, key: string): DisplayPreferences {
  const voice = display.voice;
  const round = (value: number) => Math.round(value * 100) / 100;
  switch (key) {
    case 'volume-up':
      return changeDisplay(display, { voice: { enabled: true, volume: round(voice.volume + 0.1) } });
    case 'volume-down':
      return changeDisplay(display, { voice: { volume: round(voice.volume - 0.1) } });
    case 'rate-up':
      return changeDisplay(display, { voice: { enabled: true, rate: round(voice.rate + 0.25) } });
    case 'rate-down':
      return changeDisplay(display, { voice: { rate: round(voice.rate - 0.25) } });
    default:
      return display;
  }
}

// ---- the basket -----------------------------------------------------------------------------------------------

export function startEditing(basket: readonly BasketItem[], code: DocumentCode): EditingDocument {
  const existing = basket.find((item) => item.code === code);
  return { code, options: existing ? { ...existing.options } : {}, copies: existing?.copies ?? 1, problems: {} };
}

export function optionProblems(editing: EditingDocument, onlyKey?: string): Record<string, string> {
  const resolved = resolveOptions(documentOf(editing.code), editing.options);
  if (resolved.ok) return {};
  const problems: Record<string, string> = {};
  for (const problem of resolved.error) {
    if (onlyKey === undefined || problem.key === onlyKey) problems[problem.key] = `options.${problem.problem}`;
  }
  return problems;
}

export function setOption(editing: EditingDocument, key: string, value: OptionValue): EditingDocument {
  const next = { ...editing, options: { ...editing.options, [key]: value } };
  const problems = { ...editing.problems };
  delete problems[key];
  return { ...next, problems: { ...problems, ...optionProblems(next, key) } };
}

export function optionsValid(editing: EditingDocument | null): boolean {
  return editing !== null && Object.keys(optionProblems(editing)).length === 0;
}

export function commitEditing(basket: readonly BasketItem[], editing: EditingDocument): BasketItem[] {
  const resolved = resolveOptions(documentOf(editing.code), editing.options);
  if (!resolved.ok) throw new Error('commitEditing called with invalid options');
  const item: BasketItem = { code: editing.code, options: resolved.value, copies: editing.copies, prepared: null, quote: null, problemKey: null };
  const index = basket.findIndex((line) => line.code === editing.code);
  if (index < 0) return [...basket, item];
  return basket.map((line, at) => (at === index ? item : line));
}

export function clampCopies(code: DocumentCode, copies: number): number {
  return clamp(Math.trunc(copies), 1, documentOf(code).maxCopies);
}

export const needsIdentity = (basket: readonly BasketItem[]) => basket.some((item) => documentOf(item.code).identityRequired);

/** Lines that will be charged and printed: prepared, quoted, no problem. */
export const issuable = (item: BasketItem): item is BasketItem & { prepared: NonNullable<BasketItem['prepared']>; quote: NonNullable<BasketItem['quote']> } =>
  item.prepared !== null && item.quote !== null && item.problemKey === null;

export function requote(basket: readonly BasketItem[], context: Pick<SessionContext, 'feeSchedule'>, entitlements: readonly WaiverReason[]): BasketItem[] {
  return basket.map((item) => {
    if (!item.prepared || item.problemKey !== null) return { ...item, quote: null };
    const quote = quoteFee(
      documentOf(item.code),
      { copies: item.copies, pages: item.prepared.pages, inDistrict: item.prepared.inDistrict, entitlements },
      context.feeSchedule,
    );
    return { ...item, quote };
  });
}

export const totalDue = (basket: readonly BasketItem[]): Won => basket.filter(issuable).reduce((sum, item) => sum + item.quote.total, 0);

const WAIVERS: readonly WaiverReason[] = ['basic-livelihood-recipient', 'national-merit', 'district-policy'];
export const toWaivers = (entitlements: readonly string[]): WaiverReason[] =>
  entitlements.filter((entitlement): entitlement is WaiverReason => (WAIVERS as readonly string[]).includes(entitlement));

// ---- printing -------------------------------------------------------------------------------------------------

export function startPrinting(basket: readonly BasketItem[]): PrintingState {
  const lines: LinePrint[] = basket.map((item) => ({
    code: item.code,
    copies: issuable(item) ? Array.from({ length: item.copies }, () => ({ printedTo: 0, complete: false })) : [],
    failed: false,
    failureKey: null,
  }));
  const first = nextCopy(lines, 0);
  return { line: first?.line ?? lines.length, copy: first?.copy ?? 1, page: 0, fromPage: 1, phase: 'printing', faultKey: null, recoveries: 0, lines };
}

/** The next copy still to print, from line `fromLine` on. */
export function nextCopy(lines: readonly LinePrint[], fromLine: number): { line: number; copy: number; fromPage: number } | null {
  for (let line = fromLine; line < lines.length; line++) {
    const print = lines[line]!;
    if (print.failed) continue;
    const index = print.copies.findIndex((copy) => !copy.complete);
    if (index >= 0) return { line, copy: index + 1, fromPage: print.copies[index]!.printedTo + 1 };
  }
  return null;
}

function updateCopy(printing: PrintingState, update: (copy: { printedTo: number; complete: boolean }) => { printedTo: number; complete: boolean }): PrintingState['lines'] {
  return printing.lines.map((line, lineIndex) =>
    lineIndex !== printing.line
      ? line
      : { ...line, copies: line.copies.map((copy, copyIndex) => (copyIndex === printing.copy - 1 ? update(copy) : copy)) },
  );
}

export function copyPrinted(printing: PrintingState, pages: number): PrintingState {
  const lines = updateCopy(printing, () => ({ printedTo: pages, complete: true }));
  const next = nextCopy(lines, printing.line);
  return {
    ...printing,
    lines,
    line: next?.line ?? lines.length,
    copy: next?.copy ?? 1,
    fromPage: next?.fromPage ?? 1,
    page: 0,
    phase: 'printing',
    faultKey: null,
  };
}

export function copyFaulted(printing: PrintingState, printedTo: number, pages: number, faultCode: string): PrintingState {
  if (printedTo >= pages) return copyPrinted(printing, pages);
  const lines = updateCopy(printing, (copy) => ({ printedTo: Math.max(copy.printedTo, printedTo), complete: false }));
  const printedSoFar = lines[printing.line]?.copies[printing.copy - 1]?.printedTo ?? 0;
  return { ...printing, lines, page: printedSoFar, fromPage: printedSoFar + 1, phase: 'waiting-for-printer', faultKey: `printer.${faultCode}` };
}

/** Give up on the current line (its record is lost) and move to the next. */
export function lineLost(printing: PrintingState, failureKey: string): PrintingState {
  const lines = printing.lines.map((line, index) => (index === printing.line ? { ...line, failed: true, failureKey } : line));
  const next = nextCopy(lines, printing.line);
  return { ...printing, lines, line: next?.line ?? lines.length, copy: next?.copy ?? 1, fromPage: next?.fromPage ?? 1, page: 0, phase: 'printing', faultKey: null };
}

/** The printer did not come back in time: every copy not yet complete is refunded. */
export function giveUpPrinting(printing: PrintingState, failureKey: string): PrintingState {
  const lines = printing.lines.map((line) =>
    line.copies.some((copy) => !copy.complete) ? { ...line, failed: true, failureKey } : line,
  );
  return { ...printing, lines, line: lines.length, phase: 'printing' };
}

export const completeCopies = (line: LinePrint) => line.copies.filter((copy) => copy.complete).length;

export function feesKept(basket: readonly BasketItem[], printing: PrintingState): Won {
  return basket.reduce((sum, item, index) => {
    const line = printing.lines[index];
    if (!line || !item.quote) return sum;
    return sum + completeCopies(line) * item.quote.perCopy;
  }, 0);
}

export function printOutcome(basket: readonly BasketItem[], printing: PrintingState, inserted: Won): SessionOutcome {
  const wanted = basket.filter(issuable).reduce((sum, item) => sum + item.copies, 0);
  const printed = printing.lines.reduce((sum, line) => sum + completeCopies(line), 0);
  if (wanted > 0 && printed === wanted) return 'issued';
  if (printed > 0) return 'partly-issued';
  return inserted > 0 ? 'refunded' : 'failed';
}

/** What went back to the citizen beyond the change (refunds in coins, and what a voucher owes), as settled. */
export function refundNotice(money: MoneyState): RefundNotice | null {
  const amount = money.refundPaid + money.refundOwed;
  if (amount === 0) return null;
  return { amount, paidInCoins: money.refundPaid, voucherAmount: money.refundOwed, voucherCode: money.voucherCode };
}

