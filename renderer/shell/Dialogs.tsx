import { useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisplayPreferences, Screen, TimeoutWarning } from '../../state-machines/view-model';
import { RATE_STEP, VOLUME_STEP, type DisplayChange } from '../accessibility/display';
import { useVoice } from '../accessibility/voice';
import { Button } from '../components/Button';
import { DetailContext } from '../components/Detail';
import { Dialog } from '../components/Dialog';
import { useFittingPageSize } from '../components/fit';
import { pageCount, Pager, pageSlice } from '../components/Pager';
import { Icon } from '../components/Icon';

/**
 * 화면 설정: large text, high contrast (dark or light), low position, voice with volume and rate. Two pages —
 * "view" and "sound" — so that neither holds more than 8 choices.
 */
export function DisplaySettingsDialog({ display, onChange, onClose }: { readonly display: DisplayPreferences; readonly onChange: (change: DisplayChange) => void; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState<'view' | 'sound'>('view');
  const { voice } = display;
  return (
    <Dialog title={t('settings.title')} onClose={onClose} className="settings-dialog">
      <div className="button-row settings-tabs">
        <Button pressed={page === 'view'} onPress={() => setPage('view')}>
          {t('settings.page-view')}
        </Button>
        <Button pressed={page === 'sound'} onPress={() => setPage('sound')}>
          {t('settings.page-sound')}
        </Button>
      </div>
      {page === 'view' ? (
        <div className="settings-page">
          <Button className="setting" pressed={display.textScale === 2} onPress={() => onChange({ textScale: display.textScale === 2 ? 1 : 2 })}>
            <span>{t('settings.large')}</span>
            <span className="option-state">{display.textScale === 2 ? t('settings.on') : t('settings.off')}</span>
          </Button>
          <fieldset className="setting-choice">
            <legend>{t('settings.contrast')}</legend>
            <div className="button-row">
              {(['default', 'high-dark', 'high-light'] as const).map((contrast) => (
                <Button key={contrast} pressed={display.contrast === contrast} onPress={() => onChange({ contrast })}>
                  {display.contrast === contrast ? <Icon name="check" /> : null}
                  {t(CONTRAST_KEYS[contrast])}
                </Button>
              ))}
            </div>
          </fieldset>
          <Button className="setting" pressed={display.lowPosition} onPress={() => onChange({ lowPosition: !display.lowPosition })}>
            <span>{t('settings.low')}</span>
            <span className="option-state">{display.lowPosition ? t('settings.on') : t('settings.off')}</span>
          </Button>
        </div>
      ) : (
        <div className="settings-page">
          <Button className="setting" pressed={voice.enabled} onPress={() => onChange({ voice: { enabled: !voice.enabled } })}>
            <span>{t('settings.voice')}</span>
            <span className="option-state">{voice.enabled ? t('settings.on') : t('settings.off')}</span>
          </Button>
          <fieldset className="setting-choice">
            <legend>{t('settings.volume')}</legend>
            <div className="button-row stepper">
              <Button disabled={voice.volume <= 0} onPress={() => onChange({ voice: { volume: voice.volume - VOLUME_STEP } })} label={t('settings.volume-down')}>
                <Icon name="minus" />
              </Button>
              <span className="stepper-value" data-speak="live">
                {t('settings.volume-value', { percent: Math.round(voice.volume * 100) })}
              </span>
              <Button disabled={voice.volume >= 1} onPress={() => onChange({ voice: { volume: voice.volume + VOLUME_STEP } })} label={t('settings.volume-up')}>
                <Icon name="plus" />
              </Button>
            </div>
          </fieldset>
          <fieldset className="setting-choice">
            <legend>{t('settings.rate')}</legend>
            <div className="button-row stepper">
              <Button disabled={voice.rate <= 0.5} onPress={() => onChange({ voice: { rate: voice.rate - RATE_STEP } })} label={t('settings.rate-down')}>
                <Icon name="minus" />
              </Button>
              <span className="stepper-value" data-speak="live">
                {t('settings.rate-value', { rate: voice.rate.toFixed(1) })}
              </span>
              <Button disabled={voice.rate >= 2} onPress={() => onChange({ voice: { rate: voice.rate + RATE_STEP } })} label={t('settings.rate-up')}>
                <Icon name="plus" />
              </Button>
            </div>
          </fieldset>
        </div>
      )}
      <Button variant="primary" onPress={onClose}>
        {t('common.close')}
      </Button>
    </Dialog>
  );
}

const CONTRAST_KEYS = { default: 'settings.contrast-default', 'high-dark': 'settings.contrast-dark', 'high-light': 'settings.contrast-light' } as const;

const HELP_KEYS: Readonly<Record<Screen, string>> = {
  attract: 'help.attract',
  closed: 'help.closed',
  'out-of-service': 'help.out-of-service',
  language: 'help.language',
  'choose-document': 'help.choose-document',
  'document-options': 'help.document-options',
  'resident-number': 'help.resident-number',
  fingerprint: 'help.fingerprint',
  'identity-failed': 'help.identity-failed',
  'loading-records': 'help.wait',
  summary: 'help.summary',
  payment: 'help.payment',
  printing: 'help.wait',
  change: 'help.change',
  receipt: 'help.change',
  'thank-you': 'help.change',
  error: 'help.error',
  recovering: 'help.wait',
};

/**
 * 도움말: the screen's sentences that gave way to 200 % text, what this screen asks, how the keypad works, and
 * where a person can help — in pages when they do not fit at once.
 */
export function HelpDialog({ screen, onClose }: { readonly screen: Screen; readonly onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const voice = useVoice();
  const { details } = useContext(DetailContext);
  const paragraphs = [
    ...details.map((detail) => ({ id: detail.id, text: detail.text, lang: detail.lang })),
    { id: 'screen', text: t(HELP_KEYS[screen]), lang: undefined },
    { id: 'keypad', text: t('help.keypad'), lang: undefined },
    { id: 'staff', text: t('help.staff'), lang: undefined },
  ];
  const [page, setPage] = useState(0);
  const { ref, perPage } = useFittingPageSize<HTMLDivElement>(paragraphs.length, 1, `${i18n.language}:${paragraphs.length}`);
  const pages = pageCount(paragraphs.length, perPage);
  const shown = pageSlice(paragraphs, Math.min(page, pages - 1), perPage);
  return (
    <Dialog title={t('help.title')} onClose={onClose} className="help-dialog">
      <div className="help-text" ref={ref}>
        {shown.map((paragraph) => (
          <p key={paragraph.id} lang={paragraph.lang} data-speak="">
            {paragraph.text}
          </p>
        ))}
      </div>
      <Pager page={Math.min(page, pages - 1)} pages={pages} onPage={setPage} />
      <div className="button-row dialog-actions">
        <Button onPress={() => voice.replay()}>
          <Icon name="voice" />
          <span>{t('help.replay')}</span>
        </Button>
        <Button variant="primary" onPress={onClose}>
          {t('common.close')}
        </Button>
      </div>
    </Dialog>
  );
}

const SECOND_MS = 1000;

/**
 * The time-out warning (WCAG 2.2.1 as applied to kiosks): the seconds left, counting down on screen between the
 * session's views (the session decides when time is up), and "more time". Spoken once when it appears.
 */
export function TimeoutDialog({ warning, onExtend, onHome }: { readonly warning: TimeoutWarning; readonly onExtend: () => void; readonly onHome: () => void }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState({ from: warning, left: warning.secondsLeft });
  if (shown.from !== warning) setShown({ from: warning, left: warning.secondsLeft });
  useEffect(() => {
    const timer = setInterval(() => setShown((current) => ({ ...current, left: Math.max(0, current.left - 1) })), SECOND_MS);
    return () => clearInterval(timer);
  }, [warning]);
  return (
    <Dialog title={t('timeout.title')} onClose={onExtend} alert className="timeout-dialog">
      <p data-speak="">{t('timeout.message', { seconds: warning.secondsLeft })}</p>
      <p className="countdown amount" aria-hidden="true" data-testid="countdown">
        {t('timeout.seconds', { seconds: shown.left })}
      </p>
      {warning.extensionsLeft > 0 ? (
        <Button variant="primary" onPress={onExtend}>
          {t('timeout.extend')}
        </Button>
      ) : (
        <p data-speak="">{t('timeout.no-more')}</p>
      )}
      <Button onPress={onHome}>{t('bar.home')}</Button>
    </Dialog>
  );
}
