import { useState } from 'react';
import type { ServiceClient } from './api';
import { NumberPad } from './NumberPad';
import { translate, type Lang } from './i18n';

/** The technician PIN. The kiosk checks it and keeps the lockout; this screen only shows what the kiosk says. */
export function PinScreen({ client, lang, onEntered, notice }: { client: ServiceClient; lang: Lang; onEntered(): void; notice: string | null }) {
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(notice);
  const [working, setWorking] = useState(false);
  const submit = async () => {
    setWorking(true);
    const answer = await client.enter(pin);
    setWorking(false);
    setPin('');
    if (answer.ok) return onEntered();
    const error = answer.error;
    switch (error.kind) {
      case 'wrong-pin':
        return setMessage(translate(lang, 'wrongPin', { n: error.attemptsLeft }));
      case 'locked':
        return setMessage(translate(lang, 'locked', { time: new Date(error.until).toLocaleTimeString(lang === 'ko' ? 'ko-KR' : 'en-GB', { hour: '2-digit', minute: '2-digit' }) }));
      case 'busy':
        return setMessage(translate(lang, 'busy'));
      default:
        return setMessage(error.kind === 'network' ? translate(lang, 'network', { detail: error.detail }) : error.detail);
    }
  };
  return (
    <main className="pin-screen">
      <h1>{translate(lang, 'title')}</h1>
      <p>{translate(lang, 'enterPin')}</p>
      {message ? (
        <p className="message problem" role="alert">
          {message}
        </p>
      ) : null}
      <NumberPad value={pin} onChange={setPin} lang={lang} masked label={translate(lang, 'enterPin')} />
      <button type="button" className="primary" disabled={pin.length < 4 || working} onClick={() => void submit()}>
        {translate(lang, 'enter')}
      </button>
    </main>
  );
}
