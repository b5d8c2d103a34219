import { useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { KioskCommand } from '../kiosk/api/contract';
import type { ViewModel } from '../state-machines/view-model';
import type { KioskClient } from './api/client';
import { BottomBar } from './components/BottomBar';
import { StepIndicator } from './components/StepIndicator';
import { createI18n } from './i18n';
import { AttractScreen } from './screens/AttractScreen';
import { ChooseDocumentScreen } from './screens/ChooseDocumentScreen';
import { DocumentOptionsScreen } from './screens/DocumentOptionsScreen';
import { LanguageScreen } from './screens/LanguageScreen';
import { sizesFor } from './theme/tokens';

/** The touch UI is a view of the session's view model; every touch becomes a command. */
export function App({ client }: { client: KioskClient }) {
  const [view, setView] = useState<ViewModel | null>(null);
  const i18n = useMemo(() => createI18n('ko'), []);
  useEffect(() => client.subscribe(setView), [client]);
  useEffect(() => {
    if (view && i18n.language !== view.language) void i18n.changeLanguage(view.language);
    if (view) document.documentElement.lang = view.language;
  }, [view, i18n]);
  const pxPerMm = view?.kiosk.pxPerMm;
  useEffect(() => {
    if (pxPerMm === undefined) return;
    const sizes = sizesFor(pxPerMm);
    const root = document.documentElement.style;
    root.setProperty('--text', `${sizes.textPx}px`);
    root.setProperty('--heading', `${sizes.headingPx}px`);
    root.setProperty('--amount', `${sizes.amountPx}px`);
    root.setProperty('--target', `${sizes.targetPx}px`);
    root.setProperty('--gap', `${sizes.gapPx}px`);
    root.setProperty('--button-h', `${sizes.buttonHeightPx}px`);
    root.setProperty('--primary-h', `${sizes.primaryButtonHeightPx}px`);
    root.setProperty('--bar-h', `${sizes.bottomBarPx}px`);
  }, [pxPerMm]);
  if (!view) return null;
  return (
    <I18nextProvider i18n={i18n}>
      <Kiosk view={view} send={(command) => void client.send(command)} />
    </I18nextProvider>
  );
}

function Kiosk({ view, send }: { view: ViewModel; send(command: KioskCommand): void }) {
  const { t } = useTranslation();
  const chooseLanguage = (language: 'ko' | 'en') => send({ type: 'chooseLanguage', language });
  return (
    <div className="kiosk" data-screen={view.screen}>
      <header className="top-band">
        <h1>{t('attract.title')}</h1>
        <StepIndicator step={view.step} />
      </header>
      <main className="screen">
        {view.screen === 'attract' && <AttractScreen view={view} onTouch={() => send({ type: 'touch' })} onLanguage={chooseLanguage} />}
        {view.screen === 'language' && <LanguageScreen onLanguage={chooseLanguage} />}
        {view.screen === 'choose-document' && (
          <ChooseDocumentScreen view={view} onSelect={(code) => send({ type: 'selectDocument', code })} />
        )}
        {view.screen === 'document-options' && <DocumentOptionsScreen view={view} />}
      </main>
      <BottomBar onHome={() => send({ type: 'home' })} onBack={() => send({ type: 'back' })} canGoBack={view.canGoBack} />
    </div>
  );
}
