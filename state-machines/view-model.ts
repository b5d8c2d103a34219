import type { Availability, CatalogDocument, DocumentCode, LocalizedText, OptionValue } from '../catalog';
import type { Language, SessionContext, SessionStateValue } from './session';

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

// ---- the walking skeleton's projection (the session issue replaces it with the full one) --------------------

export type ViewInputs = {
  readonly revision: number;
  readonly state: SessionStateValue;
  readonly context: SessionContext;
  readonly kiosk: KioskInfo;
  readonly documents: readonly CatalogDocument[];
  readonly availability: (document: CatalogDocument) => Availability;
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

export function toViewModel(inputs: ViewInputs): ViewModel {
  const tiles = inputs.documents.map((document) =>
    tileOf(document, inputs.availability(document), document.code === inputs.context.selected),
  );
  const envelope: ViewEnvelope = {
    revision: inputs.revision,
    language: inputs.context.language,
    step: null,
    kiosk: inputs.kiosk,
    display: DEFAULT_DISPLAY,
    basket: { lines: [], total: null },
    timeout: null,
    keypad: null,
    canCancel: false,
    canGoBack: inputs.state !== 'attract',
  };
  switch (inputs.state) {
    case 'attract':
      return { ...envelope, screen: 'attract', documents: tiles };
    case 'language':
      return { ...envelope, screen: 'language' };
    case 'chooseDocument':
      return { ...envelope, step: 'choose', screen: 'choose-document', documents: tiles };
    case 'documentOptions': {
      const document = inputs.documents.find((candidate) => candidate.code === inputs.context.selected);
      const tile = tiles.find((candidate) => candidate.code === inputs.context.selected);
      if (!document || !tile) return { ...envelope, step: 'choose', screen: 'choose-document', documents: tiles };
      return { ...envelope, step: 'choose', screen: 'document-options', document: tile, options: optionFields(document, {}), problems: {} };
    }
  }
}
