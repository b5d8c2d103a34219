import { useTranslation } from 'react-i18next';

/** The fixed bottom bar on every screen (ui.md): 처음으로 · 이전 · 도움말 · 화면 설정. */
export function BottomBar(props: { onHome(): void; onBack(): void; canGoBack: boolean }) {
  const { t } = useTranslation();
  return (
    <nav className="bottom-bar" aria-label={t('bar.display')}>
      <button type="button" onClick={props.onHome}>{t('bar.home')}</button>
      <button type="button" onClick={props.onBack} disabled={!props.canGoBack}>{t('bar.back')}</button>
      <button type="button" disabled>{t('bar.help')}</button>
      <button type="button" disabled>{t('bar.display')}</button>
    </nav>
  );
}
