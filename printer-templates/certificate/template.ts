import type { CatalogDocument, OptionValue, OptionValues } from '../../catalog';
import type { CertificateRecordBody, IssuingAuthority } from '../../catalog/records';
import type { PrintedTime } from './dates';
import type { FormWriter } from './form';

/**
 * One certificate template: which record kind it lays out, the line under its title, the certifying sentence and
 * the body. Templates of one family share their helpers (families/*.ts), so a family's layout is written once.
 */
export type RecordKind = CertificateRecordBody['kind'];
export type RecordOfKind<K extends RecordKind> = Extract<CertificateRecordBody, { kind: K }>;

export type TemplateContext = {
  readonly document: CatalogDocument;
  /** The citizen's options, already merged over the catalogue defaults and checked. */
  readonly options: OptionValues;
  /** Prints a resident number in full or masked, as the citizen chose. */
  readonly residentNumber: (residentNumber: string) => string;
  readonly residentNumbersMasked: boolean;
  readonly issued: PrintedTime;
  readonly authority: IssuingAuthority;
};

export type CertificateTemplate<K extends RecordKind = RecordKind> = {
  readonly recordKind: K;
  /** A line under the title (certificate type, purpose …), or null. */
  readonly subtitle?: (context: TemplateContext) => string | null;
  /** The certifying sentence printed above the date, the authority and the seal. */
  readonly statement: (body: RecordOfKind<K>, context: TemplateContext) => string;
  readonly draw: (form: FormWriter, body: RecordOfKind<K>, context: TemplateContext) => void;
};

/** Any template, whatever its record kind (the registry's element type). */
export type AnyCertificateTemplate = { [K in RecordKind]: CertificateTemplate<K> }[RecordKind];

export function defineTemplate<K extends RecordKind>(template: CertificateTemplate<K>): CertificateTemplate<K> {
  return template;
}

function optionValue(context: TemplateContext, key: string): OptionValue | undefined {
  return context.options[key];
}

/** Typed reads of the citizen's options; the catalogue guarantees presence and type after `resolveOptions`. */
export const option = {
  flag(context: TemplateContext, key: string): boolean {
    return optionValue(context, key) === true;
  },
  text(context: TemplateContext, key: string): string {
    const value = optionValue(context, key);
    return typeof value === 'string' ? value : '';
  },
  number(context: TemplateContext, key: string): number | null {
    const value = optionValue(context, key);
    return typeof value === 'number' ? value : null;
  },
  /** The label of a choice option's chosen value, in Korean (e.g. 금융기관 제출용). */
  choiceLabel(context: TemplateContext, key: string): string {
    const definition = context.document.options.find((candidate) => candidate.key === key);
    const value = optionValue(context, key);
    if (definition?.kind !== 'choice') return '';
    return definition.choices.find((choice) => choice.value === value)?.label.ko ?? '';
  },
};
