import type { BrowseGroup, DocumentCode } from '../../catalog';
import type { DocumentTile } from '../../state-machines/view-model';

/**
 * How the citizen finds one of 36 documents with at most 8 choices on a screen (ui.md): a home page of the most
 * used documents plus "by category" and "by first letter"; six categories of about six; search by the first letter
 * of the name — its initial consonant (초성) in Korean.
 */

/** The most issued documents at district kiosks (등·초본, 가족관계, building and land registers, local tax). */
export const FEATURED_DOCUMENTS: readonly DocumentCode[] = [
  'resident-copy',
  'resident-abstract',
  'family-relations',
  'building-general',
  'land-ledger',
  'local-tax-payment',
];

export const BROWSE_GROUPS: readonly BrowseGroup[] = ['resident', 'family', 'property', 'tax', 'vehicle-farm', 'welfare-education'];

export type BrowsePlace =
  | { readonly kind: 'home' }
  | { readonly kind: 'groups' }
  | { readonly kind: 'group'; readonly group: BrowseGroup }
  | { readonly kind: 'initials' }
  | { readonly kind: 'initial'; readonly initial: string };

export type BrowseEntry =
  | { readonly kind: 'document'; readonly tile: DocumentTile }
  | { readonly kind: 'groups' }
  | { readonly kind: 'initials' }
  | { readonly kind: 'group'; readonly group: BrowseGroup; readonly count: number }
  | { readonly kind: 'initial'; readonly initial: string; readonly count: number };

/** The parent of a place, for "back" within the list; null at home. */
export function parentOf(place: BrowsePlace): BrowsePlace | null {
  switch (place.kind) {
    case 'home':
      return null;
    case 'groups':
    case 'initials':
      return { kind: 'home' };
    case 'group':
      return { kind: 'groups' };
    case 'initial':
      return { kind: 'initials' };
  }
}

/** 초성 of the 19 initial consonants, in the order of the Hangul syllable block (U+AC00 + (initial × 21 + medial) × 28 + final). */
const INITIAL_CONSONANTS = ['ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'];
/** Doubled consonants are looked up under their single form, as in a dictionary's index. */
const SINGLE_FORM: Readonly<Record<string, string>> = { ㄲ: 'ㄱ', ㄸ: 'ㄷ', ㅃ: 'ㅂ', ㅆ: 'ㅅ', ㅉ: 'ㅈ' };
const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;

/** The first letter a citizen would look a name up by: the 초성 of a Hangul syllable, else the capital letter. */
export function initialOf(name: string): string {
  const first = name.trim().codePointAt(0);
  if (first === undefined) return '';
  if (first >= HANGUL_FIRST && first <= HANGUL_LAST) {
    const consonant = INITIAL_CONSONANTS[Math.floor((first - HANGUL_FIRST) / (21 * 28))] ?? '';
    return SINGLE_FORM[consonant] ?? consonant;
  }
  return String.fromCodePoint(first).toLocaleUpperCase('en-US');
}

const byInitialOrder = (a: string, b: string) => a.localeCompare(b, 'ko');

export function entriesAt(place: BrowsePlace, documents: readonly DocumentTile[], nameOf: (tile: DocumentTile) => string): BrowseEntry[] {
  switch (place.kind) {
    case 'home': {
      const featured = FEATURED_DOCUMENTS.map((code) => documents.find((tile) => tile.code === code)).filter(
        (tile): tile is DocumentTile => tile !== undefined,
      );
      return [...featured.map((tile) => ({ kind: 'document' as const, tile })), { kind: 'groups' }, { kind: 'initials' }];
    }
    case 'groups':
      return BROWSE_GROUPS.map((group) => ({ kind: 'group' as const, group, count: documents.filter((tile) => tile.group === group).length })).filter(
        (entry) => entry.count > 0,
      );
    case 'group':
      return documents.filter((tile) => tile.group === place.group).map((tile) => ({ kind: 'document' as const, tile }));
    case 'initials': {
      const counts = new Map<string, number>();
      for (const tile of documents) {
        const initial = initialOf(nameOf(tile));
        counts.set(initial, (counts.get(initial) ?? 0) + 1);
      }
      return [...counts.keys()].sort(byInitialOrder).map((initial) => ({ kind: 'initial' as const, initial, count: counts.get(initial) ?? 0 }));
    }
    case 'initial':
      return documents
        .filter((tile) => initialOf(nameOf(tile)) === place.initial)
        .sort((a, b) => nameOf(a).localeCompare(nameOf(b), 'ko'))
        .map((tile) => ({ kind: 'document' as const, tile }));
  }
}
