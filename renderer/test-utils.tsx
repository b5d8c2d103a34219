import { act, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CommandOutcome, KioskCommand } from '../kiosk/api/contract';
import type { ViewModel } from '../state-machines/view-model';
import { App } from './App';
import type { KioskClient } from './api/client';
import { createRecordingSpeaker } from './accessibility/speaker';

/**
 * Renders the whole touch UI against a fake kiosk: the test pushes view models and reads the commands the UI sent
 * and what voice guidance would have said. Missing catalogue keys fail the test.
 */
export type RenderedKiosk = ReturnType<typeof renderKiosk>;

export function renderKiosk(first: ViewModel, options: { readonly answer?: (command: KioskCommand) => CommandOutcome } = {}) {
  const sent: KioskCommand[] = [];
  const missing: string[] = [];
  let listener: ((view: ViewModel) => void) | null = null;
  const client: KioskClient = {
    async send(command) {
      sent.push(command);
      return options.answer?.(command) ?? { accepted: true, revision: first.revision };
    },
    subscribe(next) {
      listener = next;
      next(first);
      return () => (listener = null);
    },
  };
  const speaker = createRecordingSpeaker();
  const i18nOptions = { onMissingKey: (language: string, key: string) => missing.push(`${language}:${key}`) };
  const user = userEvent.setup();
  const result = render(<App client={client} speaker={speaker} i18nOptions={i18nOptions} />);
  return {
    ...result,
    sent,
    missing,
    speaker,
    user,
    /** The texts spoken so far, in order. */
    spoken: () => speaker.spoken.map((utterance) => utterance.text),
    /**
     * Delivers a new view; awaited, so that voice guidance (a mutation observer) has looked at the new screen. Like
     * the kiosk's view stream, it arrives after the observers saw what the last view changed (the App draws each
     * view at once, so a view pushed before they ran would be drawn before that).
     */
    push: (view: ViewModel) =>
      act(async () => {
        await Promise.resolve();
        listener?.(view);
      }),
  };
}
