import { useMemo } from 'react';
import type { KioskCommand } from '../../kiosk/api/contract';
import type { ViewModel } from '../../state-machines/view-model';
import { App } from '../App';
import type { KioskClient } from '../api/client';
import { DISPLAY_MODES, FIXTURE_NAMES, fixtureView, type DisplayMode, type FixtureName } from '../fixtures/views';

/**
 * The screen gallery (test and design review only; built separately into dist/renderer-gallery, never shipped):
 * renders any fixture view without a kiosk. `gallery.html?fixture=payment&lang=en&mode=high-dark`. Commands the
 * screen sends are kept in `window.__galleryCommands` for tests.
 */
declare global {
  interface Window {
    __galleryCommands?: KioskCommand[];
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

export function Gallery({ search }: { readonly search: string }) {
  const params = new URLSearchParams(search);
  const fixture = params.get('fixture');
  const language = params.get('lang') === 'en' ? 'en' : 'ko';
  const mode = params.get('mode');
  const client = useMemo(
    () => (isFixture(fixture) ? fixtureClient(fixtureView(fixture, { language, display: isMode(mode) ? DISPLAY_MODES[mode] : {} })) : null),
    [fixture, language, mode],
  );
  if (client) return <App client={client} />;
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
