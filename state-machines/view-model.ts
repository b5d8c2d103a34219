import type { Availability, CatalogDocument, DocumentCode, LocalizedText } from '../catalog';
import type { Language, SessionContext, SessionStateValue } from './session';

/**
 * What the renderer receives: the screen to show and the values on it — never the machine's internals and never
 * an unmasked resident number (session issue). Texts are keys into the renderer's catalogues or catalogue names
 * in both languages; the renderer chooses by `language`.
 */
export type Screen = 'attract' | 'language' | 'choose-document' | 'document-options';

/** The step indicator at the top of the screen (ui.md): 서류 선택 → 본인 확인 → 결제 → 발급. */
export type FlowStep = 'choose' | 'identity' | 'payment' | 'issue';

export type DocumentTile = {
  readonly code: DocumentCode;
  readonly no: number;
  readonly name: LocalizedText;
  readonly group: CatalogDocument['group'];
  readonly fee: number;
  readonly identityRequired: boolean;
  readonly available: boolean;
  /** Why it cannot be issued now, as a text key (`availability.office-hours-only`). */
  readonly unavailableReason: string | null;
};

export type KioskInfo = {
  readonly kioskId: string;
  readonly name: LocalizedText;
  readonly hoursText: string;
  readonly open: boolean;
  /** Pixels per millimetre of the panel, from the configuration: the UI derives every size from it. */
  readonly pxPerMm: number;
};

export type ViewModel = {
  /** Increases with every snapshot so a client can drop stale ones. */
  readonly revision: number;
  readonly screen: Screen;
  readonly language: Language;
  readonly step: FlowStep | null;
  readonly kiosk: KioskInfo;
  readonly documents: readonly DocumentTile[];
  readonly selected: DocumentTile | null;
};

const SCREEN_OF_STATE: Record<SessionStateValue, Screen> = {
  attract: 'attract',
  language: 'language',
  chooseDocument: 'choose-document',
  documentOptions: 'document-options',
};

const STEP_OF_SCREEN: Record<Screen, FlowStep | null> = {
  attract: null,
  language: null,
  'choose-document': 'choose',
  'document-options': 'choose',
};

export type ViewInputs = {
  readonly revision: number;
  readonly state: SessionStateValue;
  readonly context: SessionContext;
  readonly kiosk: KioskInfo;
  readonly documents: readonly CatalogDocument[];
  readonly availability: (document: CatalogDocument) => Availability;
};

export function tileOf(document: CatalogDocument, availability: Availability): DocumentTile {
  return {
    code: document.code,
    no: document.no,
    name: document.name,
    group: document.group,
    fee: document.fee.perCopy,
    identityRequired: document.identityRequired,
    available: availability.available,
    unavailableReason: availability.available ? null : `availability.${availability.reason}`,
  };
}

export function toViewModel(inputs: ViewInputs): ViewModel {
  const screen = SCREEN_OF_STATE[inputs.state];
  const tiles = inputs.documents.map((document) => tileOf(document, inputs.availability(document)));
  return {
    revision: inputs.revision,
    screen,
    language: inputs.context.language,
    step: STEP_OF_SCREEN[screen],
    kiosk: inputs.kiosk,
    documents: screen === 'attract' || screen === 'choose-document' ? tiles : [],
    selected: tiles.find((tile) => tile.code === inputs.context.selected) ?? null,
  };
}
