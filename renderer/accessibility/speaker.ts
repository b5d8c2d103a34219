/**
 * Voice guidance goes through a Speaker, so that the kiosk speaks with the browser's speech synthesis (Chromium and
 * Electron: speechSynthesis, with speech-dispatcher on Linux feeding the earphone jack) and tests record what would
 * be spoken, in order, without a sound card.
 */
export type Utterance = {
  readonly text: string;
  /** BCP 47: `ko-KR`, `en-US`. */
  readonly lang: string;
  /** 0–1 */
  readonly volume: number;
  /** 0.5–2 */
  readonly rate: number;
};

export interface Speaker {
  /** Queues an utterance after those already waiting. */
  speak(utterance: Utterance): void;
  /** Drops whatever is being said and queued (a new screen, a new focus). */
  stop(): void;
}

export function createSpeechSynthesisSpeaker(synthesis: SpeechSynthesis): Speaker {
  return {
    speak(utterance) {
      const spoken = new SpeechSynthesisUtterance(utterance.text);
      spoken.lang = utterance.lang;
      spoken.volume = utterance.volume;
      spoken.rate = utterance.rate;
      const voice = synthesis.getVoices().find((candidate) => candidate.lang.replace('_', '-').startsWith(utterance.lang.slice(0, 2)));
      if (voice) spoken.voice = voice;
      synthesis.speak(spoken);
    },
    stop() {
      synthesis.cancel();
    },
  };
}

export type RecordingSpeaker = Speaker & { readonly spoken: Utterance[]; readonly stops: number };

/** Records utterances in order; `stop` is counted but keeps the record (the test wants everything said). */
export function createRecordingSpeaker(): RecordingSpeaker {
  const spoken: Utterance[] = [];
  let stops = 0;
  return {
    spoken,
    get stops() {
      return stops;
    },
    speak: (utterance) => void spoken.push(utterance),
    stop: () => void (stops += 1),
  };
}

export const SILENT_SPEAKER: Speaker = { speak: () => undefined, stop: () => undefined };

declare global {
  interface Window {
    /**
     * End-to-end tests create this array before the page loads (Playwright `addInitScript`); only then does the
     * renderer copy every utterance into it. Production pages never have it.
     */
    __kioskSpeechLog?: Utterance[];
  }
}

/** The speaker of a real page: speech synthesis where there is one, and the test's log if the test made one. */
export function createPageSpeaker(target: Window): Speaker {
  const synthesis = 'speechSynthesis' in target ? createSpeechSynthesisSpeaker(target.speechSynthesis) : SILENT_SPEAKER;
  const log = Array.isArray(target.__kioskSpeechLog) ? target.__kioskSpeechLog : null;
  if (!log) return synthesis;
  return {
    speak(utterance) {
      log.push(utterance);
      synthesis.speak(utterance);
    },
    stop: () => synthesis.stop(),
  };
}
