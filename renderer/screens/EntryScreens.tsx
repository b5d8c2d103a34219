import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n';
import { Button } from '../components/Button';
import { Detail } from '../components/Detail';
import { LargeTextContext } from '../components/large-text';
import { TechnicianEntry } from '../components/TechnicianEntry';
import { ScreenLayout, useLocalized, useMessage, type ScreenProps } from './common';
import type { DisplayChange } from '../accessibility/display';

/**
 * The first screen: where, when, how many documents; start, a language, and the simple settings at once. It, the
 * closed and the out-of-service screens (no citizen session on any of them) carry the technician's hidden entry
 * to service mode (components/TechnicianEntry.tsx).
 */
export function AttractScreen({ view, send, display, onDisplay }: ScreenProps<'attract'> & { readonly onDisplay: (change: DisplayChange) => void }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const available = view.documents.filter((document) => document.available).length;
  // At 200 % the quick settings give way (the bar's 화면 설정 has them, with the way back to normal size).
  const large = useContext(LargeTextContext);
  return (
    <>
      <ScreenLayout
        variant="centered"
        info={
          <>
            <p className="site-name" data-speak="">
              {localized(view.kiosk.name)}
            </p>
            <p data-speak="">{t('attract.hours', { hours: view.kiosk.hoursText })}</p>
            <Detail text={t('attract.document-count', { n: available })} />
          </>
        }
        controls={
          <>
            <Button variant="primary" className="touch-to-start" onPress={() => send({ type: 'touch' })}>
              {t('attract.touch')}
            </Button>
            <div className="button-row languages">
              {LANGUAGES.map((language) => (
                <Button key={language} lang={language} onPress={() => send({ type: 'chooseLanguage', language })}>
                  {LANGUAGE_NAMES[language]}
                </Button>
              ))}
            </div>
            {large ? null : (
            <div className="button-row quick-settings">
              <Button pressed={display.textScale === 2} onPress={() => onDisplay({ textScale: display.textScale === 2 ? 1 : 2 })}>
                {t('settings.large')}
              </Button>
              <Button pressed={display.voice.enabled} onPress={() => onDisplay({ voice: { enabled: !display.voice.enabled } })}>
                {t('settings.voice')}
              </Button>
              <Button pressed={display.lowPosition} onPress={() => onDisplay({ lowPosition: !display.lowPosition })}>
                {t('settings.low')}
              </Button>
            </div>
            )}
          </>
        }
      />
      <TechnicianEntry pxPerMm={view.kiosk.pxPerMm} />
    </>
  );
}

export function LanguageScreen({ send }: ScreenProps<'language'>) {
  return (
    <ScreenLayout
      controls={
        <ul className="tiles language-tiles">
          {LANGUAGES.map((language) => (
            <li key={language}>
              <Button className="tile language-tile" lang={language} onPress={() => send({ type: 'chooseLanguage', language })}>
                <span className="tile-name">{LANGUAGE_NAMES[language]}</span>
              </Button>
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** The other language's line under the main one, for screens a citizen meets before choosing a language. */
function OtherLanguage({ textKey, options }: { readonly textKey: string; readonly options?: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const other = i18n.language === 'ko' ? 'en' : 'ko';
  return <Detail className="other-language" lang={other} text={t(textKey, { ...options, lng: other })} />;
}

export function ClosedScreen({ view }: ScreenProps<'closed'>) {
  const { t } = useTranslation();
  return (
    <>
      <ScreenLayout
        variant="notice"
        info={
          <>
            <p className="notice-lead" data-speak="">
              {t('closed.lead')}
            </p>
            <OtherLanguage textKey="closed.lead" />
            <p data-speak="">{t('closed.hours', { hours: view.kiosk.hoursText })}</p>
            {view.reopensAt ? <p data-speak="">{t('closed.reopens', { time: view.reopensAt })}</p> : null}
            <Detail text={t('closed.elsewhere')} />
          </>
        }
      />
      <TechnicianEntry pxPerMm={view.kiosk.pxPerMm} />
    </>
  );
}

const DEVICE_KEYS: Readonly<Record<string, string>> = {
  'bill-acceptor': 'device.bill-acceptor',
  'coin-hoppers': 'device.coin-hoppers',
  'receipt-printer': 'device.receipt-printer',
  'a4-printer': 'device.a4-printer',
  fingerprint: 'device.fingerprint',
  keypad: 'device.keypad',
  'central-office': 'device.central-office',
  kiosk: 'device.kiosk',
};

export function OutOfServiceScreen({ view }: ScreenProps<'out-of-service'>) {
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <>
      <ScreenLayout
        variant="notice"
        info={
          <>
            <p className="notice-lead" data-speak="">
              {t('out-of-service.lead')}
            </p>
            <OtherLanguage textKey="out-of-service.lead" />
            <ul className="faults">
              {view.faults.map((fault) => (
                <li key={`${fault.device}:${fault.code}`} data-speak="">
                  <strong>{DEVICE_KEYS[fault.device] ? t(DEVICE_KEYS[fault.device] ?? '') : fault.device}</strong>
                  {': '}
                  {message(fault.messageKey)}
                </li>
              ))}
            </ul>
            <Detail text={t('out-of-service.elsewhere')} />
            <Detail className="technician-code" text={t('out-of-service.codes', { codes: view.faults.map((fault) => fault.code).join(', ') })} />
          </>
        }
      />
      <TechnicianEntry pxPerMm={view.kiosk.pxPerMm} />
    </>
  );
}

export function RecoveringScreen(_props: ScreenProps<'recovering'>) {
  const { t } = useTranslation();
  return (
    <ScreenLayout
      variant="notice"
      info={
        <>
          <p className="notice-lead" data-speak="">
            {t('recovering.lead')}
          </p>
          <OtherLanguage textKey="recovering.lead" />
          <Detail text={t('recovering.detail')} />
        </>
      }
    />
  );
}
