import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { Icon } from '../components/Icon';

/** The fixed bottom bar on every screen (ui.md): 처음으로 · 이전 · 도움말 · 화면 설정. */
export function BottomBar(props: {
  readonly canGoHome: boolean;
  readonly canGoBack: boolean;
  readonly onHome: () => void;
  readonly onBack: () => void;
  readonly onHelp: () => void;
  readonly onDisplay: () => void;
}) {
  const { t } = useTranslation();
  return (
    <nav className="bottom-bar" aria-label={t('bar.label')}>
      <Button className="bar-button" disabled={!props.canGoHome} onPress={props.onHome}>
        <Icon name="home" />
        <span>{t('bar.home')}</span>
      </Button>
      <Button className="bar-button" disabled={!props.canGoBack} onPress={props.onBack}>
        <Icon name="back" />
        <span>{t('bar.back')}</span>
      </Button>
      <Button className="bar-button" onPress={props.onHelp}>
        <Icon name="help" />
        <span>{t('bar.help')}</span>
      </Button>
      <Button className="bar-button" onPress={props.onDisplay}>
        <Icon name="display" />
        <span>{t('bar.display')}</span>
      </Button>
    </nav>
  );
}
