import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { Detail } from '../components/Detail';
import { DigitKeypad } from '../components/DigitKeypad';
import { FingerprintGuide } from '../components/FingerprintGuide';
import { ScreenLayout, useMessage, type ScreenProps } from './common';

const RESIDENT_NUMBER_DIGITS = 13;

/** What the last key did, for the status line: never which digit (privacy: "입력됨" only). */
function useLastAction(digitCount: number): 'resident.entered' | 'resident.deleted' | 'resident.cleared' | null {
  const previous = useRef(digitCount);
  const action = useRef<'resident.entered' | 'resident.deleted' | 'resident.cleared' | null>(null);
  if (digitCount !== previous.current) {
    action.current = digitCount > previous.current ? 'resident.entered' : digitCount === 0 ? 'resident.cleared' : 'resident.deleted';
    previous.current = digitCount;
  }
  return action.current;
}

/**
 * The resident registration number, one digit at a time: each key is a command, so the number lives only in the
 * session; the screen shows the session's masked echo (`900101-1●●●●●●`, `_` for digits to come).
 */
export function ResidentNumberScreen({ view, send }: ScreenProps<'resident-number'>) {
  const { t } = useTranslation();
  const message = useMessage();
  const action = useLastAction(view.digitCount);
  // A numeric keypad that arrives as a keyboard (ADA §707 12-key pads) types digits too.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (/^\d$/.test(event.key)) send({ type: 'enterDigit', digit: event.key });
      else if (event.key === 'Backspace') send({ type: 'deleteDigit' });
      else if (event.key === 'Delete') send({ type: 'clearDigits' });
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [send]);
  const progress = t('resident.progress', { n: view.digitCount, total: RESIDENT_NUMBER_DIGITS });
  const status = view.complete ? t('resident.complete') : action ? `${t(action)} · ${progress}` : progress;
  return (
    <ScreenLayout
      info={
        <>
          <Detail text={t('resident.lead')} />
          <p className="masked-number" aria-hidden="true" data-testid="masked-number">
            {[...view.masked].map((char, index) => (
              <span key={index} className={char === '-' ? 'hyphen' : char === '_' ? 'slot empty' : 'slot filled'}>
                {char === '_' ? '\u00a0' : char}
              </span>
            ))}
          </p>
          <p className="status" data-speak="live" role="status">
            {status}
          </p>
          {view.errorKey ? (
            <p className="problem" role="alert" data-speak="live">
              {message(view.errorKey)}
            </p>
          ) : null}
          {view.warningKey ? (
            <p className="warning" data-speak="live">
              {message(view.warningKey)}
            </p>
          ) : null}
        </>
      }
      controls={
        <>
          <DigitKeypad
            className="resident-keypad"
            onDigit={(digit) => send({ type: 'enterDigit', digit })}
            onDelete={() => send({ type: 'deleteDigit' })}
            onClear={() => send({ type: 'clearDigits' })}
          />
          <Button variant="primary" disabled={!view.complete} onPress={() => send({ type: 'confirmResidentNumber' })}>
            {t('resident.confirm')}
          </Button>
        </>
      }
    />
  );
}

const PHASE_KEYS = {
  'place-finger': 'fingerprint.place-finger',
  reading: 'fingerprint.reading',
  verifying: 'fingerprint.verifying',
  'lift-finger': 'fingerprint.lift-finger',
  retry: 'fingerprint.retry',
} as const;

export function FingerprintScreen({ view, send }: ScreenProps<'fingerprint'>) {
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <ScreenLayout
      info={
        <>
          <FingerprintGuide phase={view.phase} />
          <p className="lead" data-speak="live">
            {t(PHASE_KEYS[view.phase])}
          </p>
          {view.guidanceKey ? (
            <p className="warning" data-speak="live">
              {message(view.guidanceKey)}
            </p>
          ) : null}
          <p data-speak="live">{t('fingerprint.attempts', { n: view.attemptsLeft })}</p>
          <Detail text={t('fingerprint.way-out')} />
        </>
      }
      controls={
        <div className="button-row">
          {view.phase === 'retry' ? (
            <Button variant="primary" onPress={() => send({ type: 'retryFingerprint' })}>
              {t('fingerprint.try-again')}
            </Button>
          ) : null}
          {view.canCancel ? <Button onPress={() => send({ type: 'cancel' })}>{t('fingerprint.cancel')}</Button> : null}
        </div>
      }
    />
  );
}

export function IdentityFailedScreen({ view, send }: ScreenProps<'identity-failed'>) {
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <ScreenLayout
      variant="notice"
      info={
        <>
          <p className="notice-lead" data-speak="">
            {message(view.reasonKey)}
          </p>
          <p data-speak="">{t('identity-failed.what-to-do')}</p>
          <Detail text={t('identity-failed.no-charge')} />
        </>
      }
      controls={
        <Button variant="primary" onPress={() => send({ type: 'acknowledge' })}>
          {t('common.ok')}
        </Button>
      }
    />
  );
}
