import { createActor, type Actor } from 'xstate';
import {
  DOCUMENTS,
  documentAvailability,
  findDocument,
  isKioskOpen,
  localTime,
  type CatalogDocument,
  type OperatingHours,
  type SiteKind,
} from '../../catalog';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/log';
import { sessionMachine, type SessionEvent, type SessionStateValue } from '../../state-machines/session';
import { toViewModel, type KioskInfo, type ViewModel } from '../../state-machines/view-model';
import { KioskCommand, type CommandOutcome, type KioskApi } from '../api/contract';

/**
 * Runs the session machine as an actor in the kiosk service and turns its snapshots into view models for the
 * renderer. This is the KioskApi implementation both shells expose.
 */
export type SessionRuntimeOptions = {
  readonly kioskId: string;
  readonly siteName: { ko: string; en: string };
  readonly site: SiteKind;
  readonly hours: OperatingHours;
  readonly disabledDocuments: readonly string[];
  readonly pxPerMm: number;
  readonly simulated: boolean;
  readonly clock: Clock;
  readonly log: Logger;
};

export type SessionRuntime = KioskApi & { stop(): void };

export function createSessionRuntime(options: SessionRuntimeOptions): SessionRuntime {
  const { clock, log } = options;
  const offered = DOCUMENTS.filter((document) => !options.disabledDocuments.includes(document.code));
  const availability = (document: CatalogDocument) =>
    documentAvailability(document, options.hours, options.site, clock.now());

  const machine = sessionMachine.provide({
    guards: {
      documentSelectable: (_args, params) => {
        const document = offered.find((candidate) => candidate.code === params.code);
        return document !== undefined && availability(document).available;
      },
    },
  });
  const actor: Actor<typeof machine> = createActor(machine);
  const listeners = new Set<(view: ViewModel) => void>();
  let revision = 0;
  let current: ViewModel;

  const kioskInfo = (): KioskInfo => {
    const today = options.hours.kiosk[localTime(clock.now(), options.hours.timeZone).weekday];
    return {
      kioskId: options.kioskId,
      name: options.siteName,
      hoursText: today ? `${today.open}–${today.close}` : '',
      open: isKioskOpen(options.hours, clock.now()),
      pxPerMm: options.pxPerMm,
      simulated: options.simulated,
    };
  };

  const render = (): ViewModel => {
    const snapshot = actor.getSnapshot();
    revision += 1;
    return toViewModel({
      revision,
      state: snapshot.value as SessionStateValue,
      context: snapshot.context,
      kiosk: kioskInfo(),
      documents: offered,
      availability,
    });
  };

  actor.subscribe((snapshot) => {
    current = render();
    log.info({ event: 'session.transition', state: snapshot.value, revision: current.revision });
    for (const listener of [...listeners]) listener(current);
  });
  actor.start();
  current ??= render();

  const toEvent = (command: KioskCommand): SessionEvent | { rejected: CommandOutcome } => {
    switch (command.type) {
      case 'touch':
        return { type: 'TOUCH' };
      case 'chooseLanguage':
        return { type: 'CHOOSE_LANGUAGE', language: command.language };
      case 'selectDocument': {
        const document = findDocument(command.code);
        if (!document || !offered.includes(document)) {
          return { rejected: { accepted: false, reason: 'unknown-document', detail: `no document ${command.code} at this kiosk` } };
        }
        const why = availability(document);
        if (!why.available) return { rejected: { accepted: false, reason: 'unavailable', detail: why.reason } };
        return { type: 'SELECT_DOCUMENT', code: document.code };
      }
      case 'back':
        return { type: 'BACK' };
      case 'home':
        return { type: 'HOME' };
      case 'setOption':
      case 'confirmOptions':
      case 'addAnother':
      case 'removeDocument':
      case 'setCopies':
      case 'proceed':
      case 'enterDigit':
      case 'deleteDigit':
      case 'clearDigits':
      case 'confirmResidentNumber':
      case 'retryFingerprint':
      case 'pay':
      case 'acknowledge':
      case 'extendTime':
      case 'cancel':
      case 'setDisplay':
        return { rejected: { accepted: false, reason: 'not-now', detail: `${command.type} is not part of the walking skeleton yet` } };
    }
  };

  return {
    async send(raw) {
      const parsed = KioskCommand.safeParse(raw);
      if (!parsed.success) {
        const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'command'}: ${issue.message}`).join('; ');
        log.warn({ event: 'api.command-rejected', reason: 'invalid-command', detail });
        return { accepted: false, reason: 'invalid-command', detail };
      }
      const event = toEvent(parsed.data);
      if ('rejected' in event) return event.rejected;
      if (!actor.getSnapshot().can(event)) {
        return { accepted: false, reason: 'not-now', detail: `${parsed.data.type} is not possible on this screen` };
      }
      actor.send(event);
      return { accepted: true, revision: current.revision };
    },
    view: () => current,
    subscribe(listener) {
      listeners.add(listener);
      listener(current);
      return () => listeners.delete(listener);
    },
    stop() {
      actor.stop();
      listeners.clear();
    },
  };
}
