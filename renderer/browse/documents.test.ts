import { DOCUMENTS } from '../../catalog';
import { TILES } from '../fixtures/views';
import { BROWSE_GROUPS, entriesAt, FEATURED_DOCUMENTS, initialOf, parentOf } from './documents';

const korean = (tile: (typeof TILES)[number]) => tile.name.ko;

describe('finding one of 36 documents with at most 8 choices a screen', () => {
  it('takes the initial consonant of a Hangul name, doubled consonants under their single form', () => {
    expect(initialOf('주민등록표 등본')).toBe('ㅈ');
    expect(initialOf('건강보험료 납부확인서')).toBe('ㄱ');
    expect(initialOf('쌍용')).toBe('ㅅ');
    expect(initialOf('Vehicle register A')).toBe('V');
  });

  it('starts with six most requested documents and the two ways to the rest', () => {
    const home = entriesAt({ kind: 'home' }, TILES, korean);
    expect(home.map((entry) => (entry.kind === 'document' ? entry.tile.code : entry.kind))).toEqual([...FEATURED_DOCUMENTS, 'groups', 'initials']);
  });

  it('puts every document in exactly one of six categories, none with more than 8', () => {
    const groups = entriesAt({ kind: 'groups' }, TILES, korean);
    expect(groups).toHaveLength(6);
    const seen = BROWSE_GROUPS.flatMap((group) => entriesAt({ kind: 'group', group }, TILES, korean));
    expect(seen).toHaveLength(DOCUMENTS.length);
    for (const group of BROWSE_GROUPS) expect(entriesAt({ kind: 'group', group }, TILES, korean).length).toBeLessThanOrEqual(8);
  });

  it('reaches every document by its first letter', () => {
    const initials = entriesAt({ kind: 'initials' }, TILES, korean);
    const reached = initials.flatMap((entry) => (entry.kind === 'initial' ? entriesAt({ kind: 'initial', initial: entry.initial }, TILES, korean) : []));
    expect(reached).toHaveLength(DOCUMENTS.length);
  });

  it('leaves out a featured document this kiosk does not offer', () => {
    const offered = TILES.filter((tile) => tile.code !== 'land-ledger');
    expect(entriesAt({ kind: 'home' }, offered, korean)).toHaveLength(7);
  });

  it('goes back up one level at a time', () => {
    expect(parentOf({ kind: 'group', group: 'tax' })).toEqual({ kind: 'groups' });
    expect(parentOf({ kind: 'groups' })).toEqual({ kind: 'home' });
    expect(parentOf({ kind: 'home' })).toBeNull();
  });
});
