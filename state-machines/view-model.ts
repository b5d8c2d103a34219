import type { Availability, CatalogDocument, DocumentCode, LocalizedText, OptionValue } from '../catalog';
import { maskResidentNumber, RESIDENT_NUMBER_DIGITS } from './session/resident-number';
import { MAX_EXTENSIONS } from './session/timeouts';
import type { Language, SessionContext } from './session/types';

/**
 * What the renderer receives: the screen to show and the values on it — never the machine's internals and never
 * an unmasked resident number. This is the contract between the session (state-machines, kiosk/session) and the
 * touch UI (renderer). Texts are keys into the renderer's catalogues (`payment.note-returned`) or catalogue names
 * in both languages; the renderer picks by `language`.
 *
 * A view model is an envelope (what every screen shares) and one screen's content, discriminated by `screen`.
 */

/** The step indicator at the top of the screen (ui.md): 서류 선택 → 본인 확인 → 결제 → 발급. */
export type FlowStep = 'choose' | 'identity' | 'payment' | 'issue';

export type DocumentTile = {
  readonly code: DocumentCode;
  readonly no: number;
  readonly name: LocalizedText;
  readonly group: CatalogDocument['group'];
  /** Fee per copy in won before waivers (the summary shows the real fee). */
  readonly fee: number;
  readonly identityRequired: boolean;
  readonly available: boolean;
  /** Why it cannot be issued now, as a text key (`availability.office-hours-only`). */
  readonly unavailableReason: string | null;
  /** Already in the citizen's basket. */
  readonly inBasket: boolean;
};

export type KioskInfo = {
  readonly kioskId: string;
  readonly name: LocalizedText;
  /** Today's opening hours, `08:30–24:00`. */
  readonly hoursText: string;
  readonly open: boolean;
  /** Pixels per millimetre of the panel, from the configuration: the UI derives every size from it. */
  readonly pxPerMm: number;
  /** Simulated devices: the renderer may link the simulator panel. */
  readonly simulated: boolean;
};

/** Display settings the citizen chose for this session; reset when the session ends. */
export type DisplayPreferences = {
  /** 1 = normal, 2 = large text (200 %). */
  readonly textScale: 1 | 2;
  readonly contrast: 'default' | 'high-dark' | 'high-light';
  /** Every control in the lower part of the screen, for wheelchair users. */
  readonly lowPosition: boolean;
  readonly voice: {
    readonly enabled: boolean;
    /** 0–1 */
    readonly volume: number;
    /** 0.5–2, 1 = normal speed */
    readonly rate: number;
  };
};

export const DEFAULT_DISPLAY: DisplayPreferences = {
  textScale: 1,
  contrast: 'default',
  lowPosition: false,
  voice: { enabled: false, volume: 0.8, rate: 1 },
};

/** The idle warning: shown over any screen, spoken, answered with `extendTime`. */
export type TimeoutWarning = { readonly secondsLeft: number; readonly extensionsLeft: number };

export type NavigationKey =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'select'
  | 'back'
  | 'help'
  | 'volume-up'
  | 'volume-down'
  | 'rate-up'
  | 'rate-down';

/** The last key of the accessible keypad (read in the main process); the renderer moves focus on a new sequence. */
export type KeypadPulse = { readonly sequence: number; readonly key: NavigationKey };

export type BasketLine = {
  readonly code: DocumentCode;
  readonly name: LocalizedText;
  readonly copies: number;
  readonly maxCopies: number;
  /** Known once the record is fetched; null before. */
  readonly pages: number | null;
  readonly perCopy: number | null;
  readonly total: number | null;
  /** `fees.waiver.basic-livelihood-recipient` … */
  readonly waivedByKey: string | null;
};

export type Basket = { readonly lines: readonly BasketLine[]; readonly total: number | null };

export type OptionField =
  | { readonly kind: 'boolean'; readonly key: string; readonly label: LocalizedText; readonly value: boolean }
  | {
      readonly kind: 'choice';
      readonly key: string;
      readonly label: LocalizedText;
      readonly value: string;
      readonly choices: readonly { readonly value: string; readonly label: LocalizedText }[];
    }
  | {
      readonly kind: 'text';
      readonly key: string;
      readonly label: LocalizedText;
      readonly value: string;
      readonly example: string;
      readonly maxLength: number;
    }
  | {
      readonly kind: 'number';
      readonly key: string;
      readonly label: LocalizedText;
      readonly value: number;
      readonly min: number;
      readonly max: number;
    };

export type RefundNotice = {
  readonly amount: number;
  /** Paid back in coins now. */
  readonly paidInCoins: number;
  /** Owed by voucher (printed on the receipt printer), claimed at the office. */
  readonly voucherAmount: number;
  readonly voucherCode: string | null;
};

export type ScreenView =
  | { readonly screen: 'attract'; readonly documents: readonly DocumentTile[] }
  | { readonly screen: 'closed'; readonly reopensAt: string | null }
  | {
      readonly screen: 'out-of-service';
      /** Which devices are at fault, with a citizen-words key and the technician's code. */
      readonly faults: readonly { readonly device: string; readonly messageKey: string; readonly code: string }[];
    }
  | { readonly screen: 'language' }
  | { readonly screen: 'choose-document'; readonly documents: readonly DocumentTile[] }
  | {
      readonly screen: 'document-options';
      readonly document: DocumentTile;
      readonly options: readonly OptionField[];
      /** Option key → problem text key (`options.invalid`). */
      readonly problems: Readonly<Record<string, string>>;
    }
  | {
      readonly screen: 'resident-number';
      /** `900101-1●●●●●●` style, with `_` for digits still to come; never the back six digits. */
      readonly masked: string;
      readonly digitCount: number;
      /** 13 digits that passed validation: the confirm key is enabled. */
      readonly complete: boolean;
      readonly errorKey: string | null;
      readonly warningKey: string | null;
    }
  | {
      readonly screen: 'fingerprint';
      readonly phase: 'place-finger' | 'reading' | 'verifying' | 'lift-finger' | 'retry';
      readonly attemptsLeft: number;
      /** Advice after a poor image or a mismatch (`fingerprint.press-harder`). */
      readonly guidanceKey: string | null;
    }
  | { readonly screen: 'identity-failed'; readonly reasonKey: string }
  | { readonly screen: 'loading-records'; readonly done: number; readonly total: number }
  | {
      readonly screen: 'summary';
      /** Documents that cannot be issued after all (records not found, printer short of paper …). */
      readonly problems: readonly { readonly code: DocumentCode; readonly reasonKey: string }[];
      readonly canPay: boolean;
    }
  | {
      readonly screen: 'payment';
      readonly due: number;
      readonly inserted: number;
      readonly remaining: number;
      readonly changeToCome: number;
      /** Notes the acceptor takes now (only those that make sense for the amount and the change on hand). */
      readonly acceptedNotes: readonly number[];
      readonly phase: 'insert' | 'checking' | 'stacking' | 'returning' | 'paid';
      readonly messageKey: string | null;
    }
  | {
      readonly screen: 'printing';
      readonly documentName: LocalizedText;
      readonly documentIndex: number;
      readonly documentCount: number;
      readonly copy: number;
      readonly copies: number;
      readonly page: number;
      readonly pages: number;
      readonly phase: 'printing' | 'waiting-for-printer';
      readonly faultKey: string | null;
    }
  | { readonly screen: 'change'; readonly amount: number; readonly paid: number }
  | { readonly screen: 'receipt'; readonly printing: boolean }
  | { readonly screen: 'thank-you'; readonly refund: RefundNotice | null }
  | {
      readonly screen: 'error';
      readonly whatKey: string;
      readonly whatToDoKey: string;
      readonly refund: RefundNotice | null;
    }
  | { readonly screen: 'recovering' };

export type Screen = ScreenView['screen'];

export type ViewEnvelope = {
  /** Increases with every view so a client can drop stale ones. */
  readonly revision: number;
  readonly language: Language;
  readonly step: FlowStep | null;
  readonly kiosk: KioskInfo;
  readonly display: DisplayPreferences;
  readonly basket: Basket;
  readonly timeout: TimeoutWarning | null;
  readonly keypad: KeypadPulse | null;
  /** Cancel is possible from every step until printing starts. */
  readonly canCancel: boolean;
  readonly canGoBack: boolean;
};

export type ViewModel = ViewEnvelope & ScreenView;

/** Narrowing helper for the renderer and tests. */
export type ViewOf<S extends Screen> = ViewEnvelope & Extract<ScreenView, { screen: S }>;

// ---- the projection: session snapshot → view model ----------------------------------------------------------

export type ViewInputs = {
  readonly revision: number;
  /** The machine's active state as a dotted path (`payment.insert`, see `stateKey` in session.ts). */
  readonly state: string;
  readonly context: SessionContext;
  readonly kiosk: KioskInfo;
  /** The documents this kiosk offers, in catalogue order. */
  readonly documents: readonly CatalogDocument[];
  readonly availability: (document: CatalogDocument) => Availability;
  /** When a closed kiosk opens again (`내일 08:30`), shown on the closed screen. */
  readonly reopensAt?: string | null;
};

export function tileOf(document: CatalogDocument, availability: Availability, inBasket = false): DocumentTile {
  return {
    code: document.code,
    no: document.no,
    name: document.name,
    group: document.group,
    fee: document.fee.perCopy,
    identityRequired: document.identityRequired,
    available: availability.available,
    unavailableReason: availability.available ? null : `availability.${availability.reason}`,
    inBasket,
  };
}

export function optionFields(document: CatalogDocument, values: Readonly<Record<string, OptionValue>>): OptionField[] {
  return document.options.map((option): OptionField => {
    const value = values[option.key] ?? option.default;
    switch (option.kind) {
      case 'boolean':
        return { kind: 'boolean', key: option.key, label: option.label, value: value === true };
      case 'choice':
        return { kind: 'choice', key: option.key, label: option.label, value: String(value), choices: option.choices };
      case 'text':
        return { kind: 'text', key: option.key, label: option.label, value: String(value), example: option.example, maxLength: option.maxLength };
      case 'number':
        return { kind: 'number', key: option.key, label: option.label, value: Number(value), min: option.min, max: option.max };
    }
  });
}

const top = (state: string) => state.split('.')[0] ?? state;

function stepOf(state: string): FlowStep | null {
  switch (top(state)) {
    case 'chooseDocument':
    case 'documentOptions':
    case 'officeUnreachable':
      return 'choose';
    case 'checkingOffice':
    case 'residentNumber':
    case 'fingerprint':
    case 'identityFailed':
    case 'loadingRecords':
      return 'identity';
    case 'summary':
    case 'payment':
      return 'payment';
    case 'printing':
    case 'settling':
    case 'receipt':
    case 'closing':
    case 'afterClose':
    case 'thankYou':
    case 'notice':
      return 'issue';
    default:
      return null;
  }
}

const CANCELLABLE = new Set([
  'language',
  'chooseDocument',
  'documentOptions',
  'checkingOffice',
  'officeUnreachable',
  'residentNumber',
  'fingerprint',
  'identityFailed',
  'loadingRecords',
  'summary',
]);

/** Cancel is possible from every step until printing starts (issue 7); in payment, not while closing the acceptor. */
function canCancel(state: string): boolean {
  if (CANCELLABLE.has(top(state))) return true;
  return ['payment.opening', 'payment.insert', 'payment.checking', 'payment.stacking', 'payment.returning'].includes(state);
}

/** The payment screen's phase: the money service opening or deciding on a note is `checking`. */
function paymentPhase(state: string, context: SessionContext): 'insert' | 'checking' | 'stacking' | 'returning' | 'paid' {
  switch (state) {
    case 'payment.insert':
      return 'insert';
    case 'payment.opening':
    case 'payment.checking':
      return 'checking';
    case 'payment.stacking':
      return 'stacking';
    case 'payment.returning':
      return 'returning';
    default:
      return context.money.paidInFull && context.paymentEnd === null ? 'paid' : 'returning';
  }
}

function canGoBack(state: string, context: SessionContext): boolean {
  switch (state) {
    case 'language':
    case 'chooseDocument':
    case 'documentOptions':
    case 'residentNumber':
    case 'fingerprint.retry':
      return true;
    case 'payment.insert':
      return context.money.inserted === 0;
    default:
      return false;
  }
}

function basketOf(context: SessionContext, documents: readonly CatalogDocument[]): Basket {
  const lines = context.basket.map((item): BasketLine => {
    const document = documents.find((candidate) => candidate.code === item.code);
    return {
      code: item.code,
      name: document?.name ?? { ko: item.code, en: item.code },
      copies: item.copies,
      maxCopies: document?.maxCopies ?? 1,
      pages: item.prepared?.pages ?? null,
      perCopy: item.quote?.perCopy ?? null,
      total: item.quote?.total ?? null,
      waivedByKey: item.quote?.waivedBy ? `fees.waiver.${item.quote.waivedBy}` : null,
    };
  });
  const quoted = context.basket.filter((item) => item.quote !== null && item.problemKey === null);
  return { lines, total: quoted.length > 0 ? quoted.reduce((sum, item) => sum + (item.quote?.total ?? 0), 0) : null };
}

function printingView(context: SessionContext, documents: readonly CatalogDocument[]): ScreenView {
  const { printing, basket } = context;
  const printable = printing.lines.map((line, index) => ({ line, index })).filter(({ line }) => line.copies.length > 0);
  const at = Math.min(printing.line, basket.length - 1);
  const item = basket[at];
  const document = documents.find((candidate) => candidate.code === item?.code);
  const position = printable.findIndex(({ index }) => index === at);
  return {
    screen: 'printing',
    documentName: document?.name ?? { ko: '', en: '' },
    documentIndex: position >= 0 ? position + 1 : printable.length,
    documentCount: printable.length,
    copy: printing.copy,
    copies: item?.copies ?? 1,
    page: printing.page,
    pages: item?.prepared?.pages ?? 1,
    phase: printing.phase,
    faultKey: printing.faultKey,
  };
}

function finalView(context: SessionContext): ScreenView | null {
  switch (context.finalScreen) {
    case 'thank-you':
      return { screen: 'thank-you', refund: context.refund };
    case 'notice':
      return {
        screen: 'error',
        whatKey: context.notice?.whatKey ?? 'session.ended',
        whatToDoKey: context.notice?.whatToDoKey ?? 'session.ask-staff',
        refund: context.refund,
      };
    case 'none':
      return null;
  }
}

function screenOf(inputs: ViewInputs, tiles: readonly DocumentTile[]): ScreenView {
  const { context, state } = inputs;
  switch (top(state)) {
    case 'language':
      return { screen: 'language' };
    case 'chooseDocument':
      return { screen: 'choose-document', documents: tiles };
    case 'checkingOffice':
      return { screen: 'loading-records', done: 0, total: context.basket.length };
    case 'documentOptions': {
      const editing = context.editing;
      const document = editing ? inputs.documents.find((candidate) => candidate.code === editing.code) : undefined;
      const tile = tiles.find((candidate) => candidate.code === editing?.code);
      if (!editing || !document || !tile) return { screen: 'choose-document', documents: tiles };
      return { screen: 'document-options', document: tile, options: optionFields(document, editing.options), problems: editing.problems };
    }
    case 'officeUnreachable':
      return { screen: 'error', whatKey: 'office.unreachable', whatToDoKey: 'office.try-later', refund: null };
    case 'residentNumber':
      return {
        screen: 'resident-number',
        masked: maskResidentNumber(context.digits),
        digitCount: context.digits.length,
        complete: context.digits.length === RESIDENT_NUMBER_DIGITS && context.residentErrorKey === null,
        errorKey: context.residentErrorKey,
        warningKey: context.residentWarningKey,
      };
    case 'fingerprint':
      return {
        screen: 'fingerprint',
        phase: state === 'fingerprint.retry' ? 'retry' : context.identity.phase === 'retry' ? 'place-finger' : context.identity.phase,
        attemptsLeft: context.identity.attemptsLeft,
        guidanceKey: context.identity.guidanceKey,
      };
    case 'identityFailed':
      return { screen: 'identity-failed', reasonKey: context.identity.failureKey ?? 'identity.attempts-exhausted' };
    case 'loadingRecords':
      return { screen: 'loading-records', done: context.records.done, total: context.records.total };
    case 'summary': {
      const recordProblems = context.basket.flatMap((item) => (item.problemKey ? [{ code: item.code, reasonKey: item.problemKey }] : []));
      const ready = state === 'summary.ready';
      return {
        screen: 'summary',
        problems: [...recordProblems, ...context.summaryProblems],
        canPay: ready && context.summaryProblems.length === 0 && context.basket.some((item) => item.quote !== null && item.problemKey === null),
      };
    }
    case 'payment': {
      const { money } = context;
      const phase = paymentPhase(state, context);
      return {
        screen: 'payment',
        due: money.due,
        inserted: money.inserted,
        remaining: Math.max(0, money.due - money.inserted),
        changeToCome: Math.max(0, money.inserted - money.due),
        acceptedNotes: phase === 'insert' ? money.acceptedNotes : [],
        phase,
        messageKey: money.messageKey,
      };
    }
    case 'printing':
      return printingView(context, inputs.documents);
    case 'settling':
      return {
        screen: 'change',
        amount: context.money.changeDue + context.money.refundDue,
        paid: context.money.payoutProgress,
      };
    case 'receipt':
      return { screen: 'receipt', printing: context.receiptPrinting };
    case 'closing':
    case 'afterClose':
    case 'thankYou':
    case 'notice':
      return finalView(context) ?? { screen: 'attract', documents: tiles };
    case 'recovering':
      return { screen: 'recovering' };
    default:
      if (!inputs.kiosk.open) return { screen: 'closed', reopensAt: inputs.reopensAt ?? null };
      if (context.outOfService.length > 0) return { screen: 'out-of-service', faults: context.outOfService };
      return { screen: 'attract', documents: tiles };
  }
}

/**
 * The renderer's view of the session. Only masked digits and counts leave the machine: the resident number, the
 * identity token and the documents' contents never appear here (a test walks every path and checks every view).
 */
export function toViewModel(inputs: ViewInputs): ViewModel {
  const { context, state } = inputs;
  const inBasket = new Set(context.basket.map((item) => item.code));
  const tiles = inputs.documents.map((document) => tileOf(document, inputs.availability(document), inBasket.has(document.code)));
  const envelope: ViewEnvelope = {
    revision: inputs.revision,
    language: context.language,
    step: stepOf(state),
    kiosk: inputs.kiosk,
    display: context.display,
    basket: basketOf(context, inputs.documents),
    timeout: context.idle.secondsLeft === null ? null : { secondsLeft: context.idle.secondsLeft, extensionsLeft: MAX_EXTENSIONS - context.idle.extensionsUsed },
    keypad: context.keypad,
    canCancel: canCancel(state),
    canGoBack: canGoBack(state, context),
  };
  return { ...envelope, ...screenOf(inputs, tiles) };
}
