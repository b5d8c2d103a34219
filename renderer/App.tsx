import { useCallback, useEffect, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { I18nextProvider } from 'react-i18next';
import type { KioskCommand } from '../kiosk/api/contract';
import type { ViewModel } from '../state-machines/view-model';
import type { KioskClient } from './api/client';
import { createPageSpeaker, type Speaker } from './accessibility/speaker';
import { createI18n, type I18nOptions } from './i18n';
import { KioskShell } from './shell/KioskShell';

/**
 * The touch UI is a view of the session's view model; every touch becomes a command. It holds no state of the
 * citizen's beyond what is on the screen now (a list's page, an open dialog), so a reload loses nothing.
 */
export function App({ client, speaker, i18nOptions }: { readonly client: KioskClient; readonly speaker?: Speaker; readonly i18nOptions?: I18nOptions }) {
  const [view, setView] = useState<ViewModel | null>(null);
  const i18n = useMemo(() => createI18n('ko', i18nOptions), [i18nOptions]);
  const voice = useMemo(() => speaker ?? createPageSpeaker(window), [speaker]);
  useEffect(() => {
    let subscribing = true;
    const unsubscribe = client.subscribe((next) => {
      // The language changes before React renders the view, so no frame shows the old language.
      if (i18n.language !== next.language) void i18n.changeLanguage(next.language);
      // Each view is drawn on its own, never batched with the next one: an accessible-keypad pulse lives in one view
      // only and the shell acts on the pulse it draws, so views batched together dropped keys pressed in quick
      // succession (six quick "down" presses moved the focus two or three places; test/e2e/ui-issuance-keypad.spec.ts).
      // A view delivered during `subscribe` itself (inside this effect) cannot be flushed and needs not be.
      if (subscribing) setView(next);
      else flushSync(() => setView(next));
    });
    subscribing = false;
    return unsubscribe;
  }, [client, i18n]);
  const send = useCallback((command: KioskCommand) => client.send(command), [client]);
  const language = view?.language;
  useEffect(() => {
    if (language) document.documentElement.lang = language;
  }, [language]);
  if (!view) return null;
  return (
    <I18nextProvider i18n={i18n}>
      <KioskShell view={view} send={send} speaker={voice} />
    </I18nextProvider>
  );
}
