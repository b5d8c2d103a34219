import { screen, within } from '@testing-library/react';
import type { Screen } from '../../state-machines/view-model';
import { FIXTURE_NAMES, fixtureView, screenOfFixture } from '../fixtures/views';
import en from '../i18n/en.json';
import ko from '../i18n/ko.json';
import { renderKiosk } from '../test-utils';

const EVERY_SCREEN: readonly Screen[] = [
  'attract',
  'closed',
  'out-of-service',
  'language',
  'choose-document',
  'document-options',
  'resident-number',
  'fingerprint',
  'identity-failed',
  'loading-records',
  'summary',
  'payment',
  'printing',
  'change',
  'receipt',
  'thank-you',
  'error',
  'recovering',
];

/** Something that looks like a catalogue key (`payment.note-returned`) shown as text: a missing translation. */
const RAW_KEY = /\b[a-z]+(?:-[a-z]+)*\.[a-z]+(?:[.-][a-z]+)+\b/;

describe('every screen of the contract, from the fixtures', () => {
  it('has a fixture for every screen of the view-model contract', () => {
    expect(new Set(FIXTURE_NAMES.map(screenOfFixture))).toEqual(new Set(EVERY_SCREEN));
  });

  describe.each([
    ['ko', ko],
    ['en', en],
  ] as const)('in %s', (language, catalogue) => {
    it.each(FIXTURE_NAMES)('renders %s with its title, the bottom bar and no missing text', (name) => {
      const kiosk = renderKiosk(fixtureView(name, { language }));
      expect(kiosk.missing).toEqual([]);
      const title = screen.getByRole('heading', { level: 1 });
      expect(title.textContent).not.toBe('');
      expect(document.body.textContent).not.toMatch(RAW_KEY);
      const bar = screen.getByRole('navigation', { name: catalogue['bar.label'] });
      expect(within(bar).getAllByRole('button').map((button) => button.textContent)).toEqual([
        catalogue['bar.home'],
        catalogue['bar.back'],
        catalogue['bar.help'],
        catalogue['bar.display'],
      ]);
      expect(document.documentElement.lang).toBe(language);
    });
  });
});
