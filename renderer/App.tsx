import { useCallback, useEffect, useMemo, useState } from 'react';
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
  useEffect(
    () =>
      client.subscribe((next) => {
        // The language changes before React renders the view, so no frame shows the old language.
        if (i18n.language !== next.language) void i18n.changeLanguage(next.language);
        setView(next);
      }),
    [client, i18n],
  );
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
