import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useVoice } from '../accessibility/voice';

/** Repeated until the citizen answers or the screen changes (as Japan's konbini certificate machines do). */
export const REMINDER_REPEAT_MS = 12_000;

export function TakeYourItems({ textKey }: { readonly textKey: 'reminder.documents' | 'reminder.documents-and-change' | 'reminder.receipt' }) {
  const { t } = useTranslation();
  const voice = useVoice();
  const text = t(textKey);
  useEffect(() => {
    const timer = setInterval(() => voice.announce([text]), REMINDER_REPEAT_MS);
    return () => clearInterval(timer);
  }, [voice, text]);
  return (
    <p className="reminder" data-speak="">
      {text}
    </p>
  );
}
