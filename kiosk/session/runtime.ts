import { randomUUID } from 'node:crypto';
import { createActor, type Actor } from 'xstate';
import {
  DEFAULT_FEE_SCHEDULE,
  DOCUMENTS,
  documentAvailability,
  findDocument,
  isKioskOpen,
  localTime,
  type CatalogDocument,
  type DocumentCode,
  type FeeSchedule,
  type OperatingHours,
  type SiteKind,
} from '../../catalog';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/log';
import { sessionMachine, stateKey, type SessionSnapshot } from '../../state-machines/session';
import type { IdleTiming } from '../../state-machines/session/timeouts';
import type { DeviceFault, SessionContext } from '../../state-machines/session/types';
import { toViewModel, type KioskInfo, type NavigationKey, type ViewModel } from '../../state-machines/view-model';
import { KioskCommand, type KioskApi } from '../api/contract';
import type { CashDesk } from '../cash/types';
import { openDatabase, type Journal, type KioskDatabase, type Outbox } from '../store';
import { checkpointKey, checkpointOf, recoveryInputOf } from './checkpoint';
import { todayIn, toSessionEvent } from './commands';
import { createSessionEffects } from './effects';
import type { SessionPorts } from './ports';
import { SessionStore } from './session-store';
import { unwiredMoney, unwiredPorts } from './unwired';

/**
 * Runs the session machine as an actor in the kiosk service: maps KioskApi commands to events, provides the
 * injected actors (effects over the ports, journaled), persists the actor's snapshot while a session is open,
 * starts in recovery when the last run ended mid-session, and turns snapshots into view models for the renderer.
 * This is the KioskApi implementation both shells expose.
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
  /** The outside world. Without it nothing is connected: the session explains why and never acts. */
  readonly ports?: SessionPorts;
  /**
   * The money service (`MoneyService` from kiosk/cash), the one owner of money records. It must have been started
   * and have settled what a restart left (`await recoverAtStartup({ ports, money, store, log })`, which calls
   * `money.start({ feeKeptFor })`) before the runtime is created. Without it no money can be taken and the guards
   * before payment say so.
   */
  readonly money?: CashDesk;
  /** The kiosk's database (journal, outbox, snapshot). Without it, a private in-memory database. */
  readonly store?: SessionStore | { readonly db: KioskDatabase; readonly journal: Journal; readonly outbox: Outbox };
  readonly feeSchedule?: FeeSchedule;
  /**
   * Idle limits × `idleScale` and the warning's countdown (configuration `session`, bounds checked there);
   * the defaults of state-machines/session/timeouts.ts when absent.
   */
  readonly idleTiming?: IdleTiming;
  /** Session ids (tests make them predictable). */
  readonly newSessionId?: () => string;
};

export type SessionRuntime = KioskApi & {
  stop(): void;
  /** A key of the accessible keypad, read in the main process (not a renderer command). */
  pressKey(key: NavigationKey): void;
  /** Device health from the supervisors: faults put the attract screen out of service. */
  setHealth(faults: readonly DeviceFault[]): void;
  /** The machine's state path and context, for tests and diagnostics (never sent to the renderer). */
  inspect(): { readonly state: string; readonly context: SessionContext };
  readonly store: SessionStore;
};

/** How often the attract screen re-checks the opening hours (open ↔ closed). */
export const ATTRACT_REFRESH_MS = 60_000;

function storeOf(options: SessionRuntimeOptions): SessionStore {
  const now = () => options.clock.now();
  if (options.store instanceof SessionStore) return options.store;
  if (options.store) return new SessionStore(options.store.db, now, { journal: options.store.journal, outbox: options.store.outbox });
  const db = openDatabase(':memory:');
  if (!db.ok) throw new Error(`in-memory database: ${db.error.detail}`);
  return new SessionStore(db.value, now, { kioskId: options.kioskId });
}

export function createSessionRuntime(options: SessionRuntimeOptions): SessionRuntime {
  const { clock, log } = options;
  const store = storeOf(options);
  const ports = options.ports ?? unwiredPorts(clock);
  const offered = DOCUMENTS.filter((document) => !options.disabledDocuments.includes(document.code));
  const availability = (document: CatalogDocument) => documentAvailability(document, options.hours, options.site, clock.now());
  const availabilityOf = (code: DocumentCode) => {
    const document = findDocument(code);
    return document && offered.includes(document) ? availability(document) : ({ available: false, reason: 'not-at-this-site' } as const);
  };

  const recovery = recoveryInputOf(store.loadCheckpoint(), store.unfinishedSessions());
  if (recovery) log.warn({ event: 'session.recovery-needed', sessionId: recovery.sessionId, state: recovery.state });

  const machine = sessionMachine.provide({
    guards: {
      documentSelectable: ({ event }) => event.type === 'SELECT_DOCUMENT' && availabilityOf(event.code).available,
      kioskOpen: () => isKioskOpen(options.hours, clock.now()),
    },
    actors: createSessionEffects({ ports, money: options.money ?? unwiredMoney, store, log, availability: availabilityOf }),
  });
  const actor: Actor<typeof machine> = createActor(machine, {
    input: {
      feeSchedule: options.feeSchedule ?? DEFAULT_FEE_SCHEDULE,
      offered: offered.map((document) => document.code),
      recovery,
      ...(options.idleTiming ? { idleTiming: options.idleTiming } : {}),
    },
    clock,
  });

  const listeners = new Set<(view: ViewModel) => void>();
  let revision = 0;
  let current: ViewModel | undefined;
  let lastState = '';
  let lastCheckpoint = '';
  let lastOpen: boolean | null = null;
  let stopped = false;

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

  const render = (snapshot: SessionSnapshot): ViewModel => {
    revision += 1;
    const kiosk = kioskInfo();
    lastOpen = kiosk.open;
    return toViewModel({ revision, state: stateKey(snapshot.value), context: snapshot.context, kiosk, documents: offered, availability });
  };

  /**
   * The snapshot follows the session while it is open. When it closes, the close transaction removes the row
   * itself (kiosk/session/session-store.ts), so nothing is written here after `closing`.
   */
  const persist = (state: string, context: SessionContext) => {
    const checkpoint = checkpointOf(state, context, clock.now());
    const key = checkpointKey(checkpoint);
    if (key === lastCheckpoint) return;
    lastCheckpoint = key;
    if (!checkpoint) return;
    try {
      store.saveCheckpoint(checkpoint);
    } catch (error) {
      // The journal, not the snapshot, carries money and paper; a lost snapshot costs only the recovering screen's looks.
      log.error({ event: 'session.snapshot-failed', error });
    }
  };

  const publish = (view: ViewModel) => {
    current = view;
    for (const listener of [...listeners]) listener(view);
  };

  actor.subscribe({
    next: (snapshot) => {
      const state = stateKey(snapshot.value);
      persist(state, snapshot.context);
      if (state !== lastState) {
        log.info({ event: 'session.transition', from: lastState, to: state, sessionId: snapshot.context.sessionId });
        lastState = state;
      }
      publish(render(snapshot));
    },
    error: (error) => log.error({ event: 'session.machine-error', error }),
  });
  actor.start();
  current ??= render(actor.getSnapshot());

  // The attract screen follows the opening hours on its own (closed ↔ open) without a citizen touching it.
  let refresh = clock.setTimeout(function tick() {
    if (stopped) return;
    const open = isKioskOpen(options.hours, clock.now());
    if (open !== lastOpen && lastState === 'attract') publish(render(actor.getSnapshot()));
    refresh = clock.setTimeout(tick, ATTRACT_REFRESH_MS);
  }, ATTRACT_REFRESH_MS);

  const commandContext = {
    offered,
    availability,
    newSessionId: options.newSessionId ?? (() => randomUUID()),
    today: () => todayIn(options.hours.timeZone, clock.now()),
  };

  return {
    store,
    async send(raw) {
      const parsed = KioskCommand.safeParse(raw);
      if (!parsed.success) {
        const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'command'}: ${issue.message}`).join('; ');
        log.warn({ event: 'api.command-rejected', reason: 'invalid-command', detail });
        return { accepted: false, reason: 'invalid-command', detail };
      }
      const event = toSessionEvent(parsed.data, commandContext);
      if ('rejected' in event) return event.rejected;
      if (stopped || !actor.getSnapshot().can(event)) {
        return { accepted: false, reason: 'not-now', detail: `${parsed.data.type} is not possible on this screen` };
      }
      actor.send(event);
      return { accepted: true, revision: current?.revision ?? revision };
    },
    view: () => current ?? render(actor.getSnapshot()),
    subscribe(listener) {
      listeners.add(listener);
      listener(current ?? render(actor.getSnapshot()));
      return () => listeners.delete(listener);
    },
    pressKey(key) {
      if (!stopped) actor.send({ type: 'KEYPAD', key });
    },
    setHealth(faults) {
      if (!stopped) actor.send({ type: 'SET_HEALTH', faults });
    },
    inspect() {
      const snapshot = actor.getSnapshot();
      return { state: stateKey(snapshot.value), context: snapshot.context };
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clock.clearTimeout(refresh);
      actor.stop();
      listeners.clear();
    },
  };
}
