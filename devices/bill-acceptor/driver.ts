import type { Clock, TimerHandle } from '../../common/clock';
import { silentLogger, type Logger } from '../../common/log';
import type { Won } from '../../common/money';
import { err, ok, type Result } from '../../common/result';
import { toHex } from '../transport/bytes';
import { LinkSupervisor, type LinkState } from '../transport/supervisor';
import type { Transport } from '../transport/transport';
import type {
  BillAcceptor,
  BillAcceptorError,
  BillAcceptorEvent,
  BillAcceptorFaultCode,
  BillAcceptorStartReport,
  BillAcceptorState,
  BillInPath,
  Denomination,
  NoteInPath,
} from './bill-acceptor';
import {
  decodeAcceptorMessage,
  encodeHostCommand,
  FrameReader,
  type AcceptorMessage,
  type AcceptorStatus,
  type HostCommand,
} from './codec';

/**
 * The ID-003 host (protocols.md §1): power-up sequence, settings, polling, escrow commands, VEND VALID
 * acknowledged at once, faults and reconnection. One request is outstanding at a time; every exchange, the
 * status poll included, runs through one queue so that the ACK after VEND VALID can never interleave with
 * another request.
 */
export const POLL_INTERVAL_MS = 150;
/** ID-003 units answer within a few tens of milliseconds; a USB-serial adapter adds a little. */
export const REPLY_TIMEOUT_MS = 300;
export const MAX_ATTEMPTS = 3;
/** How long RESET → initialising → disabled may take. */
export const INIT_TIMEOUT_MS = 10_000;
/** At start-up, how long to wait for a note already moving (stacking, returning) to finish. */
export const SETTLE_AT_START_MS = 10_000;

export type Id003DriverOptions = {
  readonly transport: Transport;
  readonly clock: Clock;
  readonly log?: Logger;
  /** Whether the device is still listed by the OS (the second disconnect signal). */
  readonly isPresent?: () => Promise<boolean>;
  readonly pollIntervalMs?: number;
  readonly replyTimeoutMs?: number;
  readonly reconnectIntervalMs?: number;
};

type Bill = {
  escrowCode: number | undefined;
  value: Won | undefined;
  stage: NoteInPath['stage'];
  escrowAnnounced: boolean;
  stackSent: boolean;
  credited: boolean;
  stackedAnnounced: boolean;
  rejectAnnounced: boolean;
  /** A fault was reported while this note was in the path: it did not go back to the citizen by itself. */
  faulted: boolean;
};

const FAULT_CODES: Partial<Record<AcceptorStatus['kind'], BillAcceptorFaultCode>> = {
  'stacker-full': 'stacker-full',
  'stacker-open': 'stacker-open',
  'jam-in-acceptor': 'jam-in-acceptor',
  'jam-in-stacker': 'jam-in-stacker',
  pause: 'pause',
  cheated: 'cheated',
  failure: 'failure',
};

export class Id003BillAcceptor implements BillAcceptor {
  private readonly transport: Transport;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly pollIntervalMs: number;
  private readonly replyTimeoutMs: number;
  private readonly reader = new FrameReader();
  private readonly listeners = new Set<(event: BillAcceptorEvent) => void>();
  private readonly supervisor: LinkSupervisor;
  private queue: Promise<unknown> = Promise.resolve();
  private waiting: ((frame: { command: number; data: Uint8Array }) => void) | undefined;
  private unsubscribeTransport: (() => void) | undefined;
  private pollTimer: TimerHandle | undefined;
  private polling = false;
  private stopped = false;
  private starting = false;
  private slots: Denomination[] = [];
  private version = '';
  private enabledValues: readonly Won[] = [];
  private accepting = false;
  private bill: Bill | undefined;
  private currentState: BillAcceptorState = 'offline';
  private currentFault: string | undefined;
  private linkDown = false;

  constructor(options: Id003DriverOptions) {
    this.transport = options.transport;
    this.clock = options.clock;
    this.log = options.log ?? silentLogger();
    this.pollIntervalMs = options.pollIntervalMs ?? POLL_INTERVAL_MS;
    this.replyTimeoutMs = options.replyTimeoutMs ?? REPLY_TIMEOUT_MS;
    this.supervisor = new LinkSupervisor({
      device: 'bill-acceptor',
      transport: this.transport,
      clock: this.clock,
      log: this.log,
      isPresent: options.isPresent ?? (() => Promise.resolve(true)),
      reinitialise: () => this.reinitialise(),
      onChange: (state) => this.onLinkChange(state),
      ...(options.reconnectIntervalMs !== undefined ? { reconnectIntervalMs: options.reconnectIntervalMs } : {}),
    });
  }

  get description(): string {
    return `bill-acceptor (${this.transport.description})`;
  }

  // ------------------------------------------------------------ public interface

  async start(): Promise<Result<BillAcceptorStartReport, BillAcceptorError>> {
    this.stopped = false;
    this.supervisor.resume();
    this.setState('starting');
    if (!this.unsubscribeTransport) this.unsubscribeTransport = this.transport.subscribe((event) => this.onTransport(event));
    if (!this.transport.isOpen) {
      const opened = await this.transport.open();
      if (!opened.ok) {
        this.setState('offline');
        this.supervisor.markOffline('cannot-open', opened.error.detail);
        return err({ kind: 'offline', detail: opened.error.detail });
      }
    }
    const report = await this.enqueue(() => this.initialise(true));
    if (!report.ok) {
      this.setState('offline');
      this.supervisor.markOffline('not-responding', report.error.detail);
      return report;
    }
    this.log.info({ event: 'bill-acceptor.started', version: report.value.version, billAtStart: report.value.billAtStart.kind });
    this.startPolling();
    return report;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.polling = false;
    if (this.pollTimer) this.clock.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    this.supervisor.stop();
    this.waiting = undefined;
    this.unsubscribeTransport?.();
    this.unsubscribeTransport = undefined;
    await this.transport.close();
  }

  denominations(): readonly Denomination[] {
    return this.slots;
  }

  enable(values: readonly Won[]): Promise<Result<readonly Won[], BillAcceptorError>> {
    return this.enqueue(async () => {
      const known = this.slots.filter((slot) => values.includes(slot.value));
      const applied = await this.applyAcceptance(known.map((slot) => slot.value), known.length > 0);
      if (!applied.ok) return applied;
      this.log.info({ event: 'bill-acceptor.enabled', values: known.map((slot) => slot.value) });
      return ok(known.map((slot) => slot.value));
    });
  }

  disable(): Promise<Result<void, BillAcceptorError>> {
    return this.enqueue(async () => {
      const applied = await this.applyAcceptance(this.enabledValues, false);
      return applied.ok ? ok(undefined) : applied;
    });
  }

  stack(): Promise<Result<void, BillAcceptorError>> {
    return this.enqueue(async () => {
      const done = await this.operation({ type: 'stack-1' });
      if (done.ok && this.bill) this.bill.stackSent = true;
      return done;
    });
  }

  returnBill(): Promise<Result<void, BillAcceptorError>> {
    return this.enqueue(async () => {
      const done = await this.operation({ type: 'return' });
      if (done.ok && this.bill) this.bill.stage = 'returning';
      return done;
    });
  }

  hold(): Promise<Result<void, BillAcceptorError>> {
    return this.enqueue(() => this.operation({ type: 'hold' }));
  }

  state(): BillAcceptorState {
    return this.currentState;
  }

  noteInPath(): NoteInPath | undefined {
    if (!this.bill || this.bill.stackedAnnounced) return undefined;
    return { value: this.bill.value, stage: this.bill.stage };
  }

  subscribe(listener: (event: BillAcceptorEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ------------------------------------------------------------ start-up and re-initialisation

  private async initialise(atStart: boolean): Promise<Result<BillAcceptorStartReport, BillAcceptorError>> {
    this.starting = true;
    try {
      // The values first: a note found in the path at start is reported with its value.
      const assignment = await this.exchange({ type: 'get-currency-assignment' });
      if (!assignment.ok) return assignment;
      if (assignment.value.type !== 'currency-assignment') return unexpected('currency assignment', assignment.value);
      this.slots = assignment.value.slots
        .filter((slot) => slot.value > 0)
        .map((slot) => ({ escrowCode: slot.escrowCode, value: slot.value }));
      const settled = await this.settleNoteInPath(atStart);
      if (!settled.ok) return settled;
      const reset = await this.operation({ type: 'reset' });
      if (!reset.ok) return reset;
      this.bill = undefined;
      const initialising = await this.waitForStatus((s) => s.kind !== 'power-up' && !s.kind.startsWith('power-up-'), INIT_TIMEOUT_MS);
      if (!initialising.ok) return initialising;
      const settings: HostCommand[] = [
        { type: 'set-denominations', inhibited: 0xffff },
        { type: 'set-security', mask: 0 },
        { type: 'set-communication-mode', mode: 0 },
        { type: 'set-direction', mask: 0 },
        { type: 'set-optional-functions', mask: 0 },
        { type: 'set-inhibit', inhibit: true },
      ];
      for (const setting of settings) {
        const applied = await this.setting(setting);
        if (!applied.ok) return applied;
      }
      const version = await this.exchange({ type: 'get-version' });
      if (version.ok && version.value.type === 'version') this.version = version.value.text;
      const ready = await this.waitForStatus((s) => s.kind !== 'initializing', INIT_TIMEOUT_MS);
      if (!ready.ok) return ready;
      this.onStatus(ready.value);
      if (!atStart && this.accepting) {
        const restored = await this.applyAcceptance(this.enabledValues, true);
        if (!restored.ok) return restored;
      } else {
        this.accepting = false;
      }
      return ok({ version: this.version, denominations: this.slots, billAtStart: settled.value });
    } finally {
      this.starting = false;
    }
  }

  /**
   * Before RESET, deal with a note the unit already holds: report a power-up with a bill in the path, give back a
   * note left in escrow, acknowledge a VEND VALID still waiting (crediting it first), let a moving note finish.
   */
  private async settleNoteInPath(atStart: boolean): Promise<Result<BillAcceptorStartReport['billAtStart'], BillAcceptorError>> {
    let billAtStart: BillAcceptorStartReport['billAtStart'] = { kind: 'none' };
    const deadline = this.clock.now() + SETTLE_AT_START_MS;
    for (;;) {
      const polled = await this.exchange({ type: 'status-request' });
      if (!polled.ok) return polled;
      if (polled.value.type !== 'status') return unexpected('a status', polled.value);
      const status = polled.value.status;
      const billInPath = powerUpBill(status);
      if (billInPath !== undefined) {
        this.emit({ type: 'power-up', billInPath, atStart });
        return ok(billInPath === 'none' && billAtStart.kind !== 'none' ? billAtStart : { kind: 'power-up', billInPath });
      }
      switch (status.kind) {
        case 'escrow':
        case 'holding': {
          const value = status.kind === 'escrow' ? this.valueOf(status.escrowCode) : this.bill?.value;
          this.bill = newBill(status.kind === 'escrow' ? status.escrowCode : undefined, value, 'returning');
          this.bill.escrowAnnounced = true;
          const returned = await this.operation({ type: 'return' });
          if (!returned.ok) return returned;
          billAtStart = { kind: 'returned', value };
          break;
        }
        case 'vend-valid':
          this.onStatus(status);
          billAtStart = { kind: 'credited', value: this.valueOf(status.escrowCode) ?? 0 };
          break;
        case 'accepting':
        case 'stacking':
        case 'stacked':
        case 'returning':
        case 'rejecting':
          this.onStatus(status);
          break;
        default:
          this.onStatus(status);
          return ok(billAtStart);
      }
      if (this.clock.now() > deadline) return ok(billAtStart);
      await this.clock.sleep(this.pollIntervalMs);
    }
  }

  private async reinitialise(): Promise<boolean> {
    if (this.stopped) return false;
    if (!this.linkDown) this.setState('starting');
    const report = await this.enqueue(() => this.initialise(false));
    if (!report.ok) {
      this.log.warn({ event: 'bill-acceptor.reinitialise-failed', detail: report.error.detail });
      return false;
    }
    this.startPolling();
    return true;
  }

  // ------------------------------------------------------------ polling and status handling

  private startPolling(): void {
    if (this.polling || this.stopped) return;
    this.polling = true;
    this.schedulePoll();
  }

  private schedulePoll(): void {
    if (!this.polling || this.stopped || this.pollTimer) return;
    this.pollTimer = this.clock.setTimeout(() => {
      this.pollTimer = undefined;
      void this.enqueue(async () => {
        if (!this.polling || this.supervisor.isOffline) return;
        const polled = await this.exchange({ type: 'status-request' });
        if (polled.ok && polled.value.type === 'status') this.onStatus(polled.value.status);
      }).finally(() => {
        if (this.supervisor.isOffline) this.polling = false;
        else this.schedulePoll();
      });
    }, this.pollIntervalMs);
  }

  /** One status reply from the unit; runs inside the exchange queue. */
  private onStatus(status: AcceptorStatus): void {
    if (status.kind === 'communication-error' || status.kind === 'invalid-command') return;
    const fault = FAULT_CODES[status.kind];
    if (fault === undefined && this.currentFault !== undefined && !status.kind.startsWith('power-up')) {
      this.currentFault = undefined;
      this.log.info({ event: 'bill-acceptor.recovered' });
      this.emit({ type: 'recovered' });
    }
    switch (status.kind) {
      case 'idling':
      case 'disabled':
        this.endOfNote();
        return this.setState(status.kind === 'idling' ? 'idle' : 'disabled');
      case 'initializing':
        return this.setState('starting');
      case 'accepting':
        // A fast citizen: the next note can be in the slot before a poll saw the unit idle.
        if (this.bill && isDone(this.bill)) this.endOfNote();
        this.bill ??= newBill(undefined, undefined, 'accepting');
        return this.setState('accepting');
      case 'escrow':
        return this.onEscrow(status.escrowCode);
      case 'holding':
        if (this.bill) this.bill.stage = 'escrow';
        return this.setState('holding');
      case 'stacking':
        this.bill ??= newBill(undefined, undefined, 'stacking');
        this.bill.stage = 'stacking';
        return this.setState('stacking');
      case 'vend-valid':
        return this.onVendValid(status.escrowCode);
      case 'stacked':
        if (this.bill && this.bill.credited && !this.bill.stackedAnnounced) {
          this.bill.stackedAnnounced = true;
          this.emit({ type: 'stacked', value: this.bill.value });
        }
        return this.setState('stacking');
      case 'rejecting':
        this.bill ??= newBill(undefined, undefined, 'returning');
        this.bill.stage = 'returning';
        if (!this.bill.rejectAnnounced) {
          this.bill.rejectAnnounced = true;
          this.log.info({ event: 'bill-acceptor.rejected', reason: status.reason, code: status.code });
          this.emit({ type: 'rejected', reason: status.reason, code: status.code });
        }
        return this.setState('rejecting');
      case 'returning':
        this.bill ??= newBill(undefined, undefined, 'returning');
        this.bill.stage = 'returning';
        return this.setState('returning');
      case 'power-up':
      case 'power-up-bill-in-acceptor':
      case 'power-up-bill-in-stacker':
        if (!this.starting) this.onUnexpectedPowerUp();
        return;
      case 'stacker-full':
      case 'stacker-open':
      case 'jam-in-acceptor':
      case 'jam-in-stacker':
      case 'pause':
      case 'cheated':
      case 'failure': {
        const code = FAULT_CODES[status.kind] ?? 'failure';
        const key = status.kind === 'failure' ? `failure:${status.code}` : status.kind;
        if (this.currentFault !== key) {
          this.currentFault = key;
          const detail = status.kind === 'failure' ? `failure ${status.failure} (0x${status.code.toString(16).toUpperCase()})` : status.kind;
          this.log.error({ event: 'bill-acceptor.fault', code, detail });
          if (this.bill) this.bill.faulted = true;
          this.emit({
            type: 'fault',
            code,
            detail,
            ...(status.kind === 'failure' ? { failure: status.failure } : {}),
            note: this.noteInPath(),
          });
        }
        return this.setState('fault');
      }
    }
  }

  private onEscrow(escrowCode: number): void {
    this.setState('escrow');
    if (this.bill && isDone(this.bill)) this.endOfNote();
    if (this.bill?.escrowAnnounced && this.bill.escrowCode === escrowCode) return;
    const value = this.valueOf(escrowCode);
    this.bill = newBill(escrowCode, value, 'escrow');
    this.bill.escrowAnnounced = true;
    if (value === undefined || !this.accepting || !this.enabledValues.includes(value)) {
      // Never keep a note the host did not ask for: an unknown escrow code or a value not enabled goes back.
      this.log.warn({ event: 'bill-acceptor.unexpected-escrow', escrowCode, value });
      this.bill.stage = 'returning';
      void this.enqueue(() => this.operation({ type: 'return' }));
      return;
    }
    this.log.info({ event: 'bill-acceptor.escrow', value });
    this.emit({ type: 'escrow', value, escrowCode });
  }

  private onVendValid(escrowCode: number): void {
    this.setState('stacking');
    const bill = this.bill ?? newBill(escrowCode, this.valueOf(escrowCode), 'stacking');
    this.bill = bill;
    if (!bill.credited) {
      bill.credited = true;
      bill.escrowCode = escrowCode;
      bill.value = this.valueOf(escrowCode) ?? bill.value;
      bill.stage = 'stacking';
      this.log.info({ event: 'bill-acceptor.credited', value: bill.value, solicited: bill.stackSent, atStart: this.starting });
      // Listeners write the note to the ledger synchronously; only then is the unit told to finish.
      const written = this.emit({
        type: 'credited',
        value: bill.value ?? 0,
        escrowCode,
        solicited: bill.stackSent,
        atStart: this.starting,
      });
      if (!written) {
        // The credit could not be written down: leave the unit holding VEND VALID (it blocks, the note is safe)
        // and try again at the next poll; a restart finds it waiting and credits it then.
        bill.credited = false;
        return;
      }
    }
    // The unit stays in VEND VALID until acknowledged; a lost ACK is repeated at the next poll.
    this.writeNow(encodeHostCommand({ type: 'ack' }));
  }

  private endOfNote(): void {
    const bill = this.bill;
    this.bill = undefined;
    if (!bill) return;
    if (bill.credited && !bill.stackedAnnounced) this.emit({ type: 'stacked', value: bill.value });
    else if (!bill.credited && bill.escrowAnnounced && !bill.faulted) {
      this.log.info({ event: 'bill-acceptor.returned', value: bill.value });
      this.emit({ type: 'returned', value: bill.value });
    }
  }

  private onUnexpectedPowerUp(): void {
    // The unit lost power while we were running: say where the note was, then bring it back to service.
    this.polling = false;
    this.setState('starting');
    void this.reinitialise().then((back) => {
      if (!back) this.supervisor.markOffline('not-responding', 'the unit did not complete its power-up sequence');
    });
  }

  // ------------------------------------------------------------ commands

  private async applyAcceptance(values: readonly Won[], accept: boolean): Promise<Result<readonly Won[], BillAcceptorError>> {
    let inhibited = 0xffff;
    for (const slot of this.slots) if (values.includes(slot.value)) inhibited &= ~(1 << (slot.escrowCode - 0x61));
    const mask = await this.setting({ type: 'set-denominations', inhibited });
    if (!mask.ok) return mask;
    const inhibit = await this.setting({ type: 'set-inhibit', inhibit: !accept });
    if (!inhibit.ok) return inhibit;
    this.enabledValues = values;
    this.accepting = accept;
    return ok(values);
  }

  /** A setting command, answered by an echo of itself. */
  private async setting(command: HostCommand): Promise<Result<readonly Won[], BillAcceptorError>> {
    const sent = encodeHostCommand(command);
    const reply = await this.exchange(command);
    if (!reply.ok) return reply;
    const echo = reply.value;
    if (echo.type === 'status' && echo.status.kind === 'invalid-command') {
      return err({ kind: 'invalid-command', detail: `${command.type} refused in the unit's present state` });
    }
    const expected = sent.subarray(2, sent.length - 2);
    if (echo.type !== 'setting-echo' || echo.command !== expected[0] || toHex(echo.data) !== toHex(expected.subarray(1))) {
      return unexpected(`an echo of ${command.type}`, echo);
    }
    return ok([]);
  }

  /** An operation command (RESET, STACK, RETURN, HOLD), answered by ACK. */
  private async operation(command: HostCommand): Promise<Result<void, BillAcceptorError>> {
    const reply = await this.exchange(command);
    if (!reply.ok) return reply;
    if (reply.value.type === 'ack') return ok(undefined);
    if (reply.value.type === 'status' && reply.value.status.kind === 'invalid-command') {
      return err({ kind: 'invalid-command', detail: `${command.type} refused in the unit's present state` });
    }
    return unexpected(`ACK to ${command.type}`, reply.value);
  }

  private async waitForStatus(
    done: (status: AcceptorStatus) => boolean,
    timeoutMs: number,
  ): Promise<Result<AcceptorStatus, BillAcceptorError>> {
    const deadline = this.clock.now() + timeoutMs;
    for (;;) {
      const polled = await this.exchange({ type: 'status-request' });
      if (!polled.ok) return polled;
      if (polled.value.type === 'status' && polled.value.status.kind !== 'communication-error' && polled.value.status.kind !== 'invalid-command') {
        if (done(polled.value.status)) return ok(polled.value.status);
      }
      if (this.clock.now() >= deadline) return err({ kind: 'timeout', detail: `the unit did not finish initialising within ${timeoutMs} ms` });
      await this.clock.sleep(this.pollIntervalMs);
    }
  }

  // ------------------------------------------------------------ the exchange queue

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * One request and its reply, retried on silence or a reported communication error. Operation commands are not
   * resent after silence without looking first: if the unit already acted, a second STACK would be refused, and
   * the status shows what happened.
   */
  private async exchange(command: HostCommand): Promise<Result<AcceptorMessage, BillAcceptorError>> {
    const bytes = encodeHostCommand(command);
    let lastDetail = '';
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (this.stopped) return err({ kind: 'offline', detail: 'driver stopped' });
      const frame = await this.sendAndWait(bytes);
      if (!frame.ok) {
        lastDetail = frame.error.detail;
        if (frame.error.kind === 'offline') return frame;
        this.supervisor.noteSilence(`${command.type}: ${lastDetail}`);
        continue;
      }
      const decoded = decodeAcceptorMessage(frame.value);
      if (!decoded.ok) {
        lastDetail = decoded.error.detail;
        this.log.warn({ event: 'bill-acceptor.bad-reply', detail: lastDetail });
        continue;
      }
      this.supervisor.noteReply();
      const message = decoded.value;
      if (message.type === 'status' && message.status.kind === 'communication-error') {
        lastDetail = 'the unit reported a communication error';
        continue;
      }
      return ok(message);
    }
    return err({ kind: 'timeout', detail: `${command.type}: no valid reply after ${MAX_ATTEMPTS} attempts (${lastDetail})` });
  }

  private sendAndWait(bytes: Uint8Array): Promise<Result<{ command: number; data: Uint8Array }, BillAcceptorError>> {
    return new Promise((resolve) => {
      this.reader.reset();
      let settled = false;
      const finish = (result: Result<{ command: number; data: Uint8Array }, BillAcceptorError>) => {
        if (settled) return;
        settled = true;
        this.waiting = undefined;
        this.clock.clearTimeout(timer);
        resolve(result);
      };
      const timer = this.clock.setTimeout(() => finish(err({ kind: 'timeout', detail: `no reply within ${this.replyTimeoutMs} ms` })), this.replyTimeoutMs);
      this.waiting = (frame) => finish(ok(frame));
      void this.transport.write(bytes).then((written) => {
        if (!written.ok) {
          this.supervisor.noteTransportError(`${written.error.kind}: ${written.error.detail}`);
          finish(err({ kind: 'offline', detail: written.error.detail }));
        }
      });
    });
  }

  private writeNow(bytes: Uint8Array): void {
    void this.transport.write(bytes).then((written) => {
      if (!written.ok) this.supervisor.noteTransportError(`${written.error.kind}: ${written.error.detail}`);
    });
  }

  private onTransport(event: Parameters<Parameters<Transport['subscribe']>[0]>[0]): void {
    switch (event.type) {
      case 'data':
        for (const item of this.reader.push(event.bytes)) {
          if (item.kind === 'frame') {
            const waiting = this.waiting;
            if (waiting) waiting(item.frame);
          }
        }
        return;
      case 'error':
        this.log.warn({ event: 'bill-acceptor.transport-error', kind: event.error.kind, detail: event.error.detail });
        this.supervisor.noteTransportError(`${event.error.kind}: ${event.error.detail}`);
        return;
      case 'closed':
        if (!this.stopped) this.supervisor.noteTransportError(`port closed: ${event.reason}`);
        return;
    }
  }

  private onLinkChange(state: LinkState): void {
    switch (state.kind) {
      case 'online':
        if (this.linkDown) {
          this.linkDown = false;
          this.emit({ type: 'recovered' });
        }
        return;
      case 'suspect':
        this.log.warn({ event: 'bill-acceptor.link-suspect', signal: state.signal.kind, detail: state.signal.detail });
        return;
      case 'offline': {
        this.polling = false;
        this.linkDown = true;
        const code: BillAcceptorFaultCode =
          state.reason === 'gone' ? 'device-gone' : state.reason === 'not-responding' ? 'not-responding' : 'cannot-open';
        this.setState('offline');
        this.emit({ type: 'fault', code, detail: state.detail, note: this.noteInPath() });
        return;
      }
    }
  }

  // ------------------------------------------------------------ helpers

  private valueOf(escrowCode: number): Won | undefined {
    return this.slots.find((slot) => slot.escrowCode === escrowCode)?.value;
  }

  private setState(state: BillAcceptorState): void {
    if (this.currentState === state) return;
    this.currentState = state;
    this.emit({ type: 'status', state });
  }

  /** Returns false when a listener threw. */
  private emit(event: BillAcceptorEvent): boolean {
    let allWell = true;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        allWell = false;
        this.log.error({ event: 'bill-acceptor.listener-failed', type: event.type, error });
      }
    }
    return allWell;
  }
}

function newBill(escrowCode: number | undefined, value: Won | undefined, stage: NoteInPath['stage']): Bill {
  return { escrowCode, value, stage, escrowAnnounced: false, stackSent: false, credited: false, stackedAnnounced: false, rejectAnnounced: false, faulted: false };
}

/** The note's cycle is over on the unit's side: credited, or on its way back to the citizen. */
function isDone(bill: Bill): boolean {
  return bill.credited || bill.rejectAnnounced || (bill.stage === 'returning' && bill.escrowAnnounced);
}

function powerUpBill(status: AcceptorStatus): BillInPath | undefined {
  switch (status.kind) {
    case 'power-up':
      return 'none';
    case 'power-up-bill-in-acceptor':
      return 'in-acceptor';
    case 'power-up-bill-in-stacker':
      return 'in-stacker';
    default:
      return undefined;
  }
}

function unexpected(wanted: string, got: AcceptorMessage): Result<never, BillAcceptorError> {
  const what = got.type === 'status' ? `status ${got.status.kind}` : got.type;
  return err({ kind: 'unexpected-reply', detail: `wanted ${wanted}, got ${what}` });
}
