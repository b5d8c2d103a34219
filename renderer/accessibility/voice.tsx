import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode, type RefObject } from 'react';
import { SPEECH_LANG } from '../i18n';
import type { Speaker } from './speaker';

/**
 * Voice guidance (MOIS kiosk kit, KS X 9211): every screen and every focused control is spoken, and everything
 * spoken is on the screen too, because what is spoken is read from the screen itself:
 *
 * - elements marked `data-speak` are spoken when they appear (a new screen, a dialog), in the order of the page;
 * - elements marked `data-speak="live"` are spoken again whenever their text changes (amount inserted, page 2/5);
 * - the control that receives focus (keypad navigation or touch) is spoken by its visible text.
 *
 * A new screen interrupts whatever was being said; so does a new focus. Nothing is spoken while voice is off, but
 * turning it on speaks the screen from the top.
 */
export type VoiceSettings = { readonly enabled: boolean; readonly volume: number; readonly rate: number };

type VoiceApi = {
  /** Speaks texts that are on the screen (a reminder that repeats, a help text). */
  announce(texts: readonly string[], options?: { readonly interrupt?: boolean; readonly lang?: string }): void;
  /** Speaks the whole screen again from the top (the help dialog's "listen again"). */
  replay(): void;
};

type InternalVoiceApi = VoiceApi & {
  /** Speaks new and changed speakables since the last look. */
  scan(): void;
  speakFocus(element: HTMLElement): void;
};

const VoiceContext = createContext<VoiceApi>({ announce: () => undefined, replay: () => undefined });

export function useVoice(): VoiceApi {
  return useContext(VoiceContext);
}

export function normaliseSpeech(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The words of an element as they stand on the screen: its text pieces with a space between them (a label and
 * its value are separate pieces: "낼 돈" and "1,100원"), leaving out what is hidden from assistive technology.
 */
export function speakableText(element: Element): string {
  const pieces: string[] = [];
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('[aria-hidden="true"]')) continue;
    pieces.push(node.textContent ?? '');
  }
  return normaliseSpeech(pieces.join(' '));
}

/** What a control says about itself: its label (which contains the words on it) or its visible text. */
export function spokenControl(element: HTMLElement): string {
  const label = element.getAttribute('aria-label');
  return label ? normaliseSpeech(label) : speakableText(element);
}

const isControl = (element: Element): element is HTMLElement =>
  element instanceof HTMLElement && element.matches('button, a[href], input, select, textarea, [role="button"], [role="switch"], [role="radio"]');

export function VoiceGuide(props: {
  readonly root: RefObject<HTMLElement | null>;
  readonly speaker: Speaker;
  readonly settings: VoiceSettings;
  readonly language: string;
  /** Changes when a new screen is shown: what is said then interrupts what was being said. */
  readonly screenKey: string;
  readonly children: ReactNode;
}) {
  const { root, speaker } = props;
  const settings = useRef(props.settings);
  settings.current = props.settings;
  const language = useRef(props.language);
  language.current = props.language;
  const screenKey = useRef(props.screenKey);
  screenKey.current = props.screenKey;
  const spokenOf = useRef(new WeakMap<Element, string>());
  const lastScreenKey = useRef<string | null>(null);

  const api = useMemo<InternalVoiceApi>(() => {
    const utter = (text: string, lang: string) => {
      if (!text) return;
      const { volume, rate } = settings.current;
      speaker.speak({ text, lang: SPEECH_LANG[lang] ?? lang, volume, rate });
    };
    const langOf = (element: Element) => element.closest('[lang]')?.getAttribute('lang') ?? language.current;
    const visibleSpeakables = () =>
      [...(root.current?.querySelectorAll<HTMLElement>('[data-speak]') ?? [])].filter((element) => !element.closest('[inert]'));
    return {
      announce(texts, options = {}) {
        if (!settings.current.enabled) return;
        if (options.interrupt) speaker.stop();
        for (const text of texts) utter(normaliseSpeech(text), options.lang ?? language.current);
      },
      replay() {
        if (!settings.current.enabled) return;
        speaker.stop();
        for (const element of visibleSpeakables()) utter(speakableText(element), langOf(element));
      },
      scan() {
        const fresh: { text: string; lang: string }[] = [];
        for (const element of visibleSpeakables()) {
          const text = speakableText(element);
          const before = spokenOf.current.get(element);
          if (before === undefined || (element.dataset.speak === 'live' && before !== text)) fresh.push({ text, lang: langOf(element) });
          spokenOf.current.set(element, text);
        }
        const newScreen = lastScreenKey.current !== screenKey.current;
        lastScreenKey.current = screenKey.current;
        if (!settings.current.enabled || fresh.length === 0) return;
        if (newScreen) speaker.stop();
        for (const { text, lang } of fresh) utter(text, lang);
      },
      speakFocus(element: HTMLElement) {
        if (!settings.current.enabled) return;
        speaker.stop();
        utter(spokenControl(element), langOf(element));
      },
    };
  }, [root, speaker]);

  useEffect(() => {
    const element = root.current;
    if (!element) return;
    api.scan();
    const observer = new MutationObserver(() => api.scan());
    observer.observe(element, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['inert'] });
    const onFocus = (event: FocusEvent) => {
      if (event.target instanceof Element && isControl(event.target)) api.speakFocus(event.target);
    };
    element.addEventListener('focusin', onFocus);
    return () => {
      observer.disconnect();
      element.removeEventListener('focusin', onFocus);
    };
  }, [root, api]);

  // Voice switched on: say where the citizen is, from the top.
  const enabled = props.settings.enabled;
  const wasEnabled = useRef(enabled);
  useEffect(() => {
    if (enabled && !wasEnabled.current) api.replay();
    wasEnabled.current = enabled;
  }, [enabled, api]);

  return <VoiceContext.Provider value={api}>{props.children}</VoiceContext.Provider>;
}
