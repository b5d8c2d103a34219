import type { Won } from '../common/money';

/** Text the citizen reads, complete in Korean and English; more languages fall back to English. */
export type LocalizedText = { readonly ko: string; readonly en: string };

/** Families share a certificate layout (printer-templates) and a record shape (catalog/records). */
export type DocumentFamily =
  | 'resident-registration'
  | 'family-relation'
  | 'military'
  | 'land'
  | 'building'
  | 'real-estate-registry'
  | 'local-tax'
  | 'national-tax'
  | 'welfare'
  | 'education'
  | 'agriculture'
  | 'vehicle-machinery'
  | 'fisheries'
  | 'health-insurance';

/** The six groups the citizen browses on the choice screen (ui.md: six families of about six, ≤ 8 per screen). */
export type BrowseGroup = 'resident' | 'family' | 'property' | 'tax' | 'vehicle-farm' | 'welfare-education';

export type DocumentCode =
  | 'resident-copy'
  | 'resident-abstract'
  | 'family-relations'
  | 'basic'
  | 'marriage-relations'
  | 'adoption-relations'
  | 'full-adoption-relations'
  | 'removed-register-copy'
  | 'removed-register-abstract'
  | 'military-service'
  | 'land-ledger'
  | 'land-price'
  | 'land-use-plan'
  | 'land-right-register'
  | 'building-general'
  | 'building-collective'
  | 'local-tax-assessment'
  | 'local-tax-payment'
  | 'single-parent-family'
  | 'disability'
  | 'basic-livelihood'
  | 'real-estate-registry'
  | 'graduation'
  | 'transcript'
  | 'school-record'
  | 'farmland-ledger'
  | 'farm-business'
  | 'vehicle-register-a'
  | 'vehicle-register-b'
  | 'construction-machinery'
  | 'fishing-vessel'
  | 'national-tax-payment'
  | 'business-registration'
  | 'income-amount'
  | 'health-insurance-eligibility'
  | 'health-insurance-premium';

/** Options the citizen chooses per document; each is typed and has a default. */
export type DocumentOption =
  | {
      readonly kind: 'boolean';
      readonly key: string;
      readonly label: LocalizedText;
      readonly default: boolean;
    }
  | {
      readonly kind: 'choice';
      readonly key: string;
      readonly label: LocalizedText;
      readonly choices: readonly { readonly value: string; readonly label: LocalizedText }[];
      readonly default: string;
    }
  | {
      readonly kind: 'text';
      readonly key: string;
      readonly label: LocalizedText;
      /** What the citizen must type, e.g. a parcel address or a plate number. */
      readonly pattern: string;
      readonly maxLength: number;
      readonly example: string;
      readonly default: string;
    }
  | {
      readonly kind: 'number';
      readonly key: string;
      readonly label: LocalizedText;
      readonly min: number;
      readonly max: number;
      readonly default: number;
    };

export type OptionValue = boolean | string | number;
export type OptionValues = Readonly<Record<string, OptionValue>>;

/**
 * When a document may be issued. `kiosk-hours`: whenever the kiosk is open. `office-hours`: only inside the
 * configured office hours (family-relation certificates come from the court's system, open 09:00–18:00 weekdays).
 */
export type AvailabilityWindow = 'kiosk-hours' | 'office-hours';

export type FeeRule = {
  /** Kiosk fee per copy, in won, before jurisdiction overrides and waivers from configuration. */
  readonly perCopy: Won;
  /** Extra won per page beyond the first (land ledger: +100 per extra page). */
  readonly perExtraPage: Won;
};

export type CatalogDocument = {
  /** 1–36, the order of the district report's list. */
  readonly no: number;
  readonly code: DocumentCode;
  readonly name: LocalizedText;
  readonly family: DocumentFamily;
  readonly group: BrowseGroup;
  readonly source: LocalizedText;
  readonly fee: FeeRule;
  /** Fingerprint identity required; public-record documents (land, building, registry) need none. */
  readonly identityRequired: boolean;
  readonly options: readonly DocumentOption[];
  readonly availability: AvailabilityWindow;
  /** Kiosks in subway stations and supermarkets issue fewer types than those inside a government building. */
  readonly outsideGovernmentBuilding: boolean;
  /** Pages of a usual record; the real count comes from the rendered certificate. */
  readonly typicalPages: number;
  /** At most this many copies per visit. */
  readonly maxCopies: number;
};
