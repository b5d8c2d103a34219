import type { Won } from '../common/money';
import type { CatalogDocument, DocumentCode } from './types';

/**
 * Fees are set by local ordinance (domain.md): in-district (관내) and out-of-district (관외) rates differ per
 * jurisdiction, and fees are waived for some citizens or by district policy. All of it is configuration.
 */
export type WaiverReason =
  /** 국민기초생활수급자: the central office reports the entitlement with the identity verdict. */
  | 'basic-livelihood-recipient'
  /** 국가유공자 */
  | 'national-merit'
  /** A district that made a document free for everyone (e.g. 등·초본). */
  | 'district-policy';

export type FeeOverride = {
  readonly inDistrict?: Won;
  readonly outOfDistrict?: Won;
  readonly perExtraPage?: Won;
};

export type FeeSchedule = {
  readonly overrides: Partial<Record<DocumentCode, FeeOverride>>;
  readonly waivers: readonly { readonly reason: WaiverReason; readonly documents: readonly DocumentCode[] | 'all' }[];
};

export const DEFAULT_FEE_SCHEDULE: FeeSchedule = { overrides: {}, waivers: [] };

export type FeeQuestion = {
  readonly copies: number;
  /** Pages of one copy; the first page is in the base fee. */
  readonly pages: number;
  /** Whether the record belongs to the kiosk's own district (관내). */
  readonly inDistrict: boolean;
  /** Entitlements of the verified citizen, from the central office. */
  readonly entitlements: readonly WaiverReason[];
};

export type FeeQuote = {
  readonly perCopy: Won;
  readonly copies: number;
  readonly total: Won;
  readonly waivedBy: WaiverReason | null;
};

export function quoteFee(document: CatalogDocument, question: FeeQuestion, schedule: FeeSchedule): FeeQuote {
  if (!Number.isInteger(question.copies) || question.copies < 1) throw new Error(`copies must be ≥ 1: ${question.copies}`);
  if (!Number.isInteger(question.pages) || question.pages < 1) throw new Error(`pages must be ≥ 1: ${question.pages}`);
  const waiver = schedule.waivers.find(
    (candidate) =>
      (candidate.documents === 'all' || candidate.documents.includes(document.code)) &&
      (candidate.reason === 'district-policy' || question.entitlements.includes(candidate.reason)),
  );
  if (waiver) return { perCopy: 0, copies: question.copies, total: 0, waivedBy: waiver.reason };

  const override = schedule.overrides[document.code];
  const base = question.inDistrict
    ? (override?.inDistrict ?? document.fee.perCopy)
    : (override?.outOfDistrict ?? override?.inDistrict ?? document.fee.perCopy);
  const perExtraPage = override?.perExtraPage ?? document.fee.perExtraPage;
  const perCopy = base + perExtraPage * (question.pages - 1);
  return { perCopy, copies: question.copies, total: perCopy * question.copies, waivedBy: null };
}
