import { useEffect, useMemo, useState } from 'react';
import type { KioskCommand } from '../../kiosk/api/contract';
import type { ViewModel } from '../../state-machines/view-model';
import { App } from '../App';
import type { KioskClient } from '../api/client';
import { DISPLAY_MODES, FIXTURE_NAMES, fixtureView, type DisplayMode, type FixtureName } from '../fixtures/views';

/**
 * The screen gallery (test and design review only; built separately into dist/renderer-gallery, never shipped):
 * renders any fixture view without a kiosk. `gallery.html?fixture=payment&lang=en&mode=high-dark`. Commands the
 * screen sends are kept in `window.__galleryCommands`; `window.__gallery.show(…)` switches to another fixture
 * without reloading the page (the audit of every screen in every mode would otherwise spend its time loading).
 */
type Shown = { readonly fixture: FixtureName; readonly language: 'ko' | 'en'; readonly mode: DisplayMode };

declare global {
  interface Window {
    __galleryCommands?: KioskCommand[];
    __gallery?: { show(fixture: string, language: string, mode: string): boolean };
  }
}

export function fixtureClient(view: ViewModel): KioskClient {
  window.__galleryCommands = [];
  return {
    async send(command) {
      window.__galleryCommands?.push(command);
      return { accepted: true, revision: view.revision };
    },
    subscribe(listener) {
      listener(view);
      return () => undefined;
    },
  };
}

const isFixture = (name: string | null): name is FixtureName => name !== null && (FIXTURE_NAMES as string[]).includes(name);
const isMode = (name: string | null): name is DisplayMode => name !== null && name in DISPLAY_MODES;

function parse(fixture: string | null, language: string | null, mode: string | null): Shown | null {
  if (!isFixture(fixture)) return null;
  return { fixture, language: language === 'en' ? 'en' : 'ko', mode: isMode(mode) ? mode : 'default' };
}

export function Gallery({ search }: { readonly search: string }) {
  const params = new URLSearchParams(search);
  const [shown, setShown] = useState(() => parse(params.get('fixture'), params.get('lang'), params.get('mode')));
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    window.__gallery = {
      show(fixture, language, mode) {
        const next = parse(fixture, language, mode);
        if (next) {
          setShown(next);
          setGeneration((current) => current + 1);
        }
        return next !== null;
      },
    };
  }, []);
  const client = useMemo(
    () => (shown ? fixtureClient(fixtureView(shown.fixture, { language: shown.language, display: DISPLAY_MODES[shown.mode] })) : null),
    [shown],
  );
  // A fresh App for every fixture, as a reload would give.
  if (client) return <App key={generation} client={client} />;
  return (
    <main style={{ padding: 24, fontSize: 24, overflow: 'auto', height: '100%' }}>
      <h1>Screen gallery</h1>
      <ul>
        {FIXTURE_NAMES.map((name) => (
          <li key={name}>
            {name}:{' '}
            {(['ko', 'en'] as const).map((lang) =>
              (Object.keys(DISPLAY_MODES) as DisplayMode[]).map((candidate) => (
                <a key={`${lang}-${candidate}`} href={`?fixture=${name}&lang=${lang}&mode=${candidate}`} style={{ marginRight: 12 }}>
                  {lang}/{candidate}
                </a>
              )),
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}
