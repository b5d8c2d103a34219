import type { Clock, TimerHandle } from '../../common/clock';
import type { Won } from '../../common/money';
import { err, ok, type Result } from '../../common/result';
import type { Transport } from '../transport/transport';
import {
  decodeHostCommand,
  encodeAcceptorMessage,
  FrameReader,
  REJECT_CODES,
  type AcceptorMessage,
  type AcceptorStatus,
  type CurrencySlot,
  type HostCommand,
  type RejectReason,
} from './codec';

/**
 * The acceptor's side of ID-003, byte for byte (protocols.md §1): used by tests, the demo (over a loopback pair)
 * and `kiosk sim bill-acceptor` (over a serial path). A control API plays the outside world: a citizen inserting
 * a note, a jam, a full stacker, an opened cash box, a power cut, a unit that stops answering.
 */

/** The firmware's KRW country code is not public (protocols.md §1); the simulator picks one. */
export const SIMULATED_KRW_COUNTRY_CODE = 0x4b;

export const KRW_SLOTS: readonly CurrencySlot[] = [
  { escrowCode: 0x61, countryCode: SIMULATED_KRW_COUNTRY_CODE, base: 1, exponent: 3, value: 1000 },
  { escrowCode: 0x62, countryCode: SIMULATED_KRW_COUNTRY_CODE, base: 5, exponent: 3, value: 5000 },
  { escrowCode: 0x63, countryCode: SIMULATED_KRW_COUNTRY_CODE, base: 1, exponent: 4, value: 10000 },
  { escrowCode: 0x64, countryCode: SIMULATED_KRW_COUNTRY_CODE, base: 5, exponent: 4, value: 50000 },
  ...[0x65, 0x66, 0x67, 0x68].map((escrowCode) => ({ escrowCode, countryCode: 0, base: 0, exponent: 0, value: 0 })),
];

export type BillAcceptorSimulatorTiming = {
  /** RESET → initialising → ready. */
  readonly initMs: number;
  /** Reading a note before escrow or rejection. */
  readonly acceptMs: number;
  /** STACK-1 → VEND VALID. */
  readonly stackMs: number;
  /** ACK of VEND VALID → back to idle (status 16 meanwhile). */
  readonly stackedMs: number;
  /** RETURN → the note is out of the slot and taken. */
  readonly returnMs: number;
  readonly rejectMs: number;
  /** A note left in escrow this long without a decision is rejected with 0x79. */
  readonly escrowTimeoutMs: number;
};

export const DEFAULT_SIMULATOR_TIMING: BillAcceptorSimulatorTiming = {
  initMs: 300,
  acceptMs: 400,
  stackMs: 400,
  stackedMs: 200,
  returnMs: 500,
  rejectMs: 500,
  escrowTimeoutMs: 10_000,
};

export type JamStage = 'accepting' | 'stacking' | 'after-vend-valid' | 'returning';
export type PowerLossStage = 'escrow' | 'stacking' | 'vend-valid';

type NoteLocation = 'acceptor' | 'stacker';
type FaultKind = 'stacker-full' | 'stacker-open' | 'jam-in-acceptor' | 'jam-in-stacker' | 'pause' | 'cheated' | 'failure';

type SimState =
  | { readonly kind: 'off'; readonly billInPath: NoteLocation | undefined; readonly value: Won | undefined }
  | { readonly kind: 'power-up'; readonly billInPath: NoteLocation | undefined; readonly value: Won | undefined }
  | { readonly kind: 'initializing' }
  | { readonly kind: 'ready' }
  | { readonly kind: 'accepting'; readonly value: Won }
  | { readonly kind: 'escrow'; readonly value: Won; readonly escrowCode: number; readonly holding: boolean }
  | { readonly kind: 'stacking'; readonly value: Won; readonly escrowCode: number }
  | { readonly kind: 'vend-valid'; readonly value: Won; readonly escrowCode: number }
  | { readonly kind: 'stacked'; readonly value: Won }
  | { readonly kind: 'returning'; readonly value: Won }
  | { readonly kind: 'rejecting'; readonly value: Won; readonly code: number }
  | {
      readonly kind: 'fault';
      readonly fault: FaultKind;
      readonly failureCode?: number;
      /** The note stuck in the unit, if any. */
      readonly note?: { readonly value: Won; readonly location: NoteLocation };
    };

/** What the simulator did, for `kiosk sim` output and for tests. */
export type BillAcceptorSimulatorEvent =
  | { readonly type: 'status'; readonly status: AcceptorStatus['kind'] }
  | { readonly type: 'command'; readonly command: HostCommand['type'] }
  | { readonly type: 'note-inserted'; readonly value: Won }
  | { readonly type: 'note-stacked'; readonly value: Won }
  | { readonly type: 'note-returned'; readonly value: Won; readonly reason: 'returned' | 'rejected' | 'power-up' }
  | { readonly type: 'note-removed'; readonly value: Won; readonly reason: 'jam-cleared' | 'cheated' }
  | { readonly type: 'power'; readonly on: boolean };

export type BillAcceptorSimulatorOptions = {
  readonly clock: Clock;
  readonly slots?: readonly CurrencySlot[];
  readonly stackerCapacity?: number;
  readonly version?: string;
  readonly timing?: Partial<BillAcceptorSimulatorTiming>;
};

/** The control handle the kiosk's simulator endpoints and `kiosk sim` use. */
export interface BillAcceptorSimulatorControl {
  insertNote(value: Won): Result<void, string>;
  rejectNext(reason: RejectReason): void;
  jamNext(stage: JamStage): void;
  jamNow(where: NoteLocation): void;
  fillStacker(): void;
  openCashBox(): void;
  closeCashBox(): void;
  powerLoss(): void;
  powerOn(): void;
  powerLossAt(stage: PowerLossStage): void;
  stopAnswering(): void;
  resumeAnswering(): void;
  cheat(): void;
  fail(code: number): void;
  clearFault(noteGoesTo?: 'removed' | 'box'): void;
  /** Empty the cash box (a technician's collection). */
  emptyCashBox(): Map<Won, number>;
  cashBox(): ReadonlyMap<Won, number>;
  status(): AcceptorStatus;
  onEvent(listener: (event: BillAcceptorSimulatorEvent) => void): () => void;
}

export class BillAcceptorSimulator implements BillAcceptorSimulatorControl {
  private readonly clock: Clock;
  private readonly slots: readonly CurrencySlot[];
  private readonly timing: BillAcceptorSimulatorTiming;
  private readonly capacity: number;
  private readonly version: string;
  private readonly reader = new FrameReader();
  private readonly listeners = new Set<(event: BillAcceptorSimulatorEvent) => void>();
  private readonly box = new Map<Won, number>();
  private transport: Transport | undefined;
  private detachTransport: (() => void) | undefined;
  private state: SimState = { kind: 'power-up', billInPath: undefined, value: undefined };
  private timer: TimerHandle | undefined;
  private inhibit = true;
  private inhibitedMask = 0xffff;
  private security = 0;
  private direction = 0;
  private optionalFunctions = 0;
  private communicationMode = 0;
  private muted = false;
  private stackerOpen = false;
  private pendingReject: RejectReason | undefined;
  private pendingJam: JamStage | undefined;
  private pendingPowerLoss: PowerLossStage | undefined;
  private lastStatus: AcceptorStatus['kind'] | undefined;

  constructor(options: BillAcceptorSimulatorOptions) {
    this.clock = options.clock;
    this.slots = options.slots ?? KRW_SLOTS;
    this.timing = { ...DEFAULT_SIMULATOR_TIMING, ...options.timing };
    this.capacity = options.stackerCapacity ?? 500;
    this.version = options.version ?? 'SIM(KRW)-ID003 KIOSK-SIM 1.0';
  }

  /** Sit on the device end of a transport (loopback device end, or a serial port). */
  attach(transport: Transport): void {
    this.detach();
    this.transport = transport;
    this.reader.reset();
    this.detachTransport = transport.subscribe((event) => {
      if (event.type === 'data') this.receive(event.bytes);
    });
  }

  detach(): void {
    this.detachTransport?.();
    this.detachTransport = undefined;
    this.transport = undefined;
  }

  onEvent(listener: (event: BillAcceptorSimulatorEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  cashBox(): ReadonlyMap<Won, number> {
    return this.box;
  }

  /** Total won in the cash box. */
  cashBoxTotal(): Won {
    let total = 0;
    for (const [value, count] of this.box) total += value * count;
    return total;
  }

  emptyCashBox(): Map<Won, number> {
    const content = new Map(this.box);
    this.box.clear();
    return content;
  }

  status(): AcceptorStatus {
    return this.currentStatus();
  }

  // ------------------------------------------------------------ control: the outside world

  insertNote(value: Won): Result<void, string> {
    if (this.state.kind !== 'ready') return err(`the unit is not ready for a note (${this.currentStatus().kind})`);
    if (this.inhibit) return err('the unit is inhibited: the note is pushed back at the slot');
    this.emit({ type: 'note-inserted', value });
    this.enter({ kind: 'accepting', value });
    if (this.pendingJam === 'accepting') {
      this.pendingJam = undefined;
      this.after(this.timing.acceptMs / 2, () => this.enter({ kind: 'fault', fault: 'jam-in-acceptor', note: { value, location: 'acceptor' } }));
      return ok(undefined);
    }
    this.after(this.timing.acceptMs, () => {
      const slot = this.slots.find((s) => s.value === value && s.value > 0);
      const forced = this.pendingReject;
      this.pendingReject = undefined;
      if (forced) return this.reject(value, REJECT_CODES[forced as Exclude<RejectReason, 'unknown'>] ?? 0x71);
      if (!slot) return this.reject(value, REJECT_CODES.denomination);
      const bit = slot.escrowCode - 0x61;
      if (this.inhibit || (this.inhibitedMask >> bit) & 1) return this.reject(value, REJECT_CODES.inhibited);
      this.enterEscrow(value, slot.escrowCode);
    });
    return ok(undefined);
  }

  rejectNext(reason: RejectReason): void {
    this.pendingReject = reason;
  }

  jamNext(stage: JamStage): void {
    this.pendingJam = stage;
  }

  jamNow(where: NoteLocation): void {
    const note = this.noteInUnit();
    this.enter({
      kind: 'fault',
      fault: where === 'acceptor' ? 'jam-in-acceptor' : 'jam-in-stacker',
      ...(note ? { note } : {}),
    });
  }

  fillStacker(): void {
    const stacked = this.notesInBox();
    const missing = Math.max(0, this.capacity - stacked);
    if (missing > 0) this.box.set(0, (this.box.get(0) ?? 0) + missing);
    if (this.state.kind === 'ready') this.enter({ kind: 'fault', fault: 'stacker-full' });
  }

  openCashBox(): void {
    this.stackerOpen = true;
    const note = this.noteInUnit();
    this.enter({ kind: 'fault', fault: 'stacker-open', ...(note ? { note } : {}) });
  }

  closeCashBox(): void {
    this.stackerOpen = false;
    if (this.state.kind === 'fault' && (this.state.fault === 'stacker-open' || this.state.fault === 'stacker-full')) {
      this.initialise();
    }
  }

  powerLoss(): void {
    if (this.state.kind === 'off') return;
    const note = this.noteInUnit();
    this.cancelTimer();
    this.state = { kind: 'off', billInPath: note?.location, value: note?.value };
    this.lastStatus = undefined;
    this.emit({ type: 'power', on: false });
  }

  powerOn(): void {
    if (this.state.kind !== 'off') return;
    this.state = { kind: 'power-up', billInPath: this.state.billInPath, value: this.state.value };
    this.inhibit = true;
    this.emit({ type: 'power', on: true });
    this.emitStatus();
  }

  powerLossAt(stage: PowerLossStage): void {
    this.pendingPowerLoss = stage;
  }

  stopAnswering(): void {
    this.muted = true;
  }

  resumeAnswering(): void {
    this.muted = false;
  }

  cheat(): void {
    const note = this.noteInUnit();
    if (note) this.emit({ type: 'note-removed', value: note.value, reason: 'cheated' });
    this.enter({ kind: 'fault', fault: 'cheated' });
  }

  fail(code: number): void {
    const note = this.noteInUnit();
    this.enter({ kind: 'fault', fault: 'failure', failureCode: code, ...(note ? { note } : {}) });
  }

  /** A technician clears the fault: a stuck note is taken out (or pushed into the box), and the unit re-initialises. */
  clearFault(noteGoesTo: 'removed' | 'box' = 'removed'): void {
    if (this.state.kind !== 'fault') return;
    const note = this.state.note;
    if (note) {
      if (noteGoesTo === 'box') this.addToBox(note.value);
      else this.emit({ type: 'note-removed', value: note.value, reason: 'jam-cleared' });
    }
    this.initialise();
  }

  // ------------------------------------------------------------ protocol

  private receive(bytes: Uint8Array): void {
    if (this.muted || this.state.kind === 'off') return;
    let sawFrame = false;
    let sawCorruption = false;
    for (const item of this.reader.push(bytes)) {
      if (item.kind === 'discarded') {
        if (item.reason === 'bad-crc') sawCorruption = true;
        continue;
      }
      sawFrame = true;
      const decoded = decodeHostCommand(item.frame);
      if (!decoded.ok) {
        this.send({ type: 'status', status: { kind: 'invalid-command' } });
        continue;
      }
      this.emit({ type: 'command', command: decoded.value.type });
      this.handle(decoded.value);
    }
    // One reply per corrupted request, so the host retries instead of reading a stray frame later.
    if (sawCorruption && !sawFrame) this.send({ type: 'status', status: { kind: 'communication-error' } });
  }

  private handle(command: HostCommand): void {
    const state = this.state;
    switch (command.type) {
      case 'status-request':
        return this.send({ type: 'status', status: this.currentStatus() });
      case 'ack':
        // ACK gets no reply; it lets a unit in VEND VALID finish stacking.
        if (state.kind === 'vend-valid') this.finishStacking(state.value);
        return;
      case 'reset':
        this.send({ type: 'ack' });
        return this.reset();
      case 'stack-1':
      case 'stack-2':
        if (state.kind !== 'escrow') return this.invalid();
        this.send({ type: 'ack' });
        return this.startStacking(state.value, state.escrowCode);
      case 'return':
        if (state.kind !== 'escrow') return this.invalid();
        this.send({ type: 'ack' });
        return this.startReturning(state.value);
      case 'hold':
        if (state.kind !== 'escrow') return this.invalid();
        this.send({ type: 'ack' });
        return this.enterEscrow(state.value, state.escrowCode, true);
      case 'wait':
        return this.send({ type: 'ack' });
      case 'set-denominations':
      case 'set-security':
      case 'set-communication-mode':
      case 'set-inhibit':
      case 'set-direction':
      case 'set-optional-functions':
        return this.applySetting(command);
      case 'get-setting':
        return this.send({ type: 'setting', command: 0x80 + settingOffset(command.setting), data: this.settingBytes(command.setting) });
      case 'get-version':
        return this.send({ type: 'version', text: this.version });
      case 'get-boot-version':
        return this.send({ type: 'boot-version', text: 'SIM-BOOT 1.0' });
      case 'get-currency-assignment':
        return this.send({ type: 'currency-assignment', slots: this.slots });
    }
  }

  private applySetting(command: Extract<HostCommand, { type: `set-${string}` }>): void {
    // Settings are refused until the host has RESET the unit after power-up.
    if (this.state.kind === 'power-up') return this.invalid();
    let data: number[];
    switch (command.type) {
      case 'set-denominations':
        this.inhibitedMask = command.inhibited & 0xffff;
        data = [command.inhibited & 0xff, (command.inhibited >>> 8) & 0xff];
        break;
      case 'set-security':
        this.security = command.mask & 0xffff;
        data = [command.mask & 0xff, (command.mask >>> 8) & 0xff];
        break;
      case 'set-communication-mode':
        this.communicationMode = command.mode;
        data = [command.mode];
        break;
      case 'set-inhibit':
        this.inhibit = command.inhibit;
        data = [command.inhibit ? 1 : 0];
        if (this.state.kind === 'ready') this.emitStatus();
        break;
      case 'set-direction':
        this.direction = command.mask;
        data = [command.mask];
        break;
      case 'set-optional-functions':
        this.optionalFunctions = command.mask & 0xffff;
        data = [command.mask & 0xff, (command.mask >>> 8) & 0xff];
        break;
    }
    this.send({ type: 'setting-echo', command: 0xc0 + settingOffset(settingOf(command.type)), data: Uint8Array.from(data) });
  }

  private settingBytes(setting: ReturnType<typeof settingOf>): Uint8Array {
    switch (setting) {
      case 'denominations':
        return Uint8Array.of(this.inhibitedMask & 0xff, this.inhibitedMask >>> 8);
      case 'security':
        return Uint8Array.of(this.security & 0xff, this.security >>> 8);
      case 'communication-mode':
        return Uint8Array.of(this.communicationMode);
      case 'inhibit':
        return Uint8Array.of(this.inhibit ? 1 : 0);
      case 'direction':
        return Uint8Array.of(this.direction);
      case 'optional-functions':
        return Uint8Array.of(this.optionalFunctions & 0xff, this.optionalFunctions >>> 8);
    }
  }

  private reset(): void {
    const state = this.state;
    // What the unit does with a note found in its path at RESET: one in the stacker is stacked, one in the
    // acceptor is given back (the host decides from its journal whether it was credited).
    if (state.kind === 'power-up' && state.value !== undefined) {
      if (state.billInPath === 'stacker') this.addToBox(state.value);
      else this.emit({ type: 'note-returned', value: state.value, reason: 'power-up' });
    } else if (state.kind === 'vend-valid' || state.kind === 'stacking' || state.kind === 'stacked') {
      if (state.kind !== 'stacked') this.addToBox(state.value);
    } else if (state.kind === 'escrow' || state.kind === 'accepting' || state.kind === 'returning' || state.kind === 'rejecting') {
      this.emit({ type: 'note-returned', value: state.value, reason: 'returned' });
    } else if (state.kind === 'fault' && (state.note || state.fault.startsWith('jam') || state.fault === 'failure')) {
      // RESET does not clear a jam or a hardware failure: a technician must (clearFault).
      this.enter(state);
      return;
    }
    this.inhibit = true;
    this.initialise();
  }

  private initialise(): void {
    this.enter({ kind: 'initializing' });
    this.after(this.timing.initMs, () => {
      if (this.stackerOpen) return this.enter({ kind: 'fault', fault: 'stacker-open' });
      if (this.notesInBox() >= this.capacity) return this.enter({ kind: 'fault', fault: 'stacker-full' });
      this.enter({ kind: 'ready' });
    });
  }

  private enterEscrow(value: Won, escrowCode: number, holding = false): void {
    this.enter({ kind: 'escrow', value, escrowCode, holding });
    if (this.pendingPowerLoss === 'escrow') {
      this.pendingPowerLoss = undefined;
      return this.powerLoss();
    }
    this.after(this.timing.escrowTimeoutMs, () => this.reject(value, REJECT_CODES.inhibited));
  }

  private startStacking(value: Won, escrowCode: number): void {
    this.enter({ kind: 'stacking', value, escrowCode });
    if (this.pendingPowerLoss === 'stacking') {
      this.pendingPowerLoss = undefined;
      return this.powerLoss();
    }
    if (this.pendingJam === 'stacking') {
      this.pendingJam = undefined;
      this.after(this.timing.stackMs / 2, () =>
        this.enter({ kind: 'fault', fault: 'jam-in-stacker', note: { value, location: 'stacker' } }),
      );
      return;
    }
    this.after(this.timing.stackMs, () => {
      this.enter({ kind: 'vend-valid', value, escrowCode });
      if (this.pendingPowerLoss === 'vend-valid') {
        this.pendingPowerLoss = undefined;
        this.powerLoss();
      }
    });
  }

  private finishStacking(value: Won): void {
    if (this.pendingJam === 'after-vend-valid') {
      // Credited, but stuck on its way into the box: the note is the kiosk's; the unit stops.
      this.pendingJam = undefined;
      this.addToBox(value);
      this.enter({ kind: 'fault', fault: 'jam-in-stacker' });
      return;
    }
    this.addToBox(value);
    this.enter({ kind: 'stacked', value });
    this.after(this.timing.stackedMs, () => {
      if (this.notesInBox() >= this.capacity) this.enter({ kind: 'fault', fault: 'stacker-full' });
      else this.enter({ kind: 'ready' });
    });
  }

  private startReturning(value: Won): void {
    this.enter({ kind: 'returning', value });
    if (this.pendingJam === 'returning') {
      this.pendingJam = undefined;
      this.after(this.timing.returnMs / 2, () =>
        this.enter({ kind: 'fault', fault: 'jam-in-acceptor', note: { value, location: 'acceptor' } }),
      );
      return;
    }
    this.after(this.timing.returnMs, () => {
      this.emit({ type: 'note-returned', value, reason: 'returned' });
      this.enter({ kind: 'ready' });
    });
  }

  private reject(value: Won, code: number): void {
    this.enter({ kind: 'rejecting', value, code });
    this.after(this.timing.rejectMs, () => {
      this.emit({ type: 'note-returned', value, reason: 'rejected' });
      this.enter({ kind: 'ready' });
    });
  }

  private invalid(): void {
    this.send({ type: 'status', status: { kind: 'invalid-command' } });
  }

  private addToBox(value: Won): void {
    this.box.set(value, (this.box.get(value) ?? 0) + 1);
    this.emit({ type: 'note-stacked', value });
  }

  private notesInBox(): number {
    let notes = 0;
    for (const count of this.box.values()) notes += count;
    return notes;
  }

  private noteInUnit(): { value: Won; location: NoteLocation } | undefined {
    const state = this.state;
    switch (state.kind) {
      case 'accepting':
      case 'escrow':
      case 'returning':
      case 'rejecting':
        return { value: state.value, location: 'acceptor' };
      case 'stacking':
      case 'vend-valid':
        return { value: state.value, location: 'stacker' };
      case 'fault':
        return state.note;
      default:
        return undefined;
    }
  }

  private currentStatus(): AcceptorStatus {
    const state = this.state;
    switch (state.kind) {
      case 'off':
        // Never sent: an unpowered unit does not answer.
        return { kind: 'power-up' };
      case 'power-up':
        if (state.billInPath === 'acceptor') return { kind: 'power-up-bill-in-acceptor' };
        if (state.billInPath === 'stacker') return { kind: 'power-up-bill-in-stacker' };
        return { kind: 'power-up' };
      case 'initializing':
        return { kind: 'initializing' };
      case 'ready':
        return this.inhibit ? { kind: 'disabled' } : { kind: 'idling' };
      case 'accepting':
        return { kind: 'accepting' };
      case 'escrow':
        return state.holding ? { kind: 'holding' } : { kind: 'escrow', escrowCode: state.escrowCode };
      case 'stacking':
        return { kind: 'stacking' };
      case 'vend-valid':
        return { kind: 'vend-valid', escrowCode: state.escrowCode };
      case 'stacked':
        return { kind: 'stacked' };
      case 'returning':
        return { kind: 'returning' };
      case 'rejecting':
        return { kind: 'rejecting', reason: 'unknown', code: state.code };
      case 'fault':
        if (state.fault === 'failure') return { kind: 'failure', failure: 'unknown', code: state.failureCode ?? 0xa2 };
        return { kind: state.fault };
    }
  }

  private enter(state: SimState): void {
    this.cancelTimer();
    this.state = state;
    this.emitStatus();
  }

  private emitStatus(): void {
    const kind = this.currentStatus().kind;
    if (kind === this.lastStatus) return;
    this.lastStatus = kind;
    this.emit({ type: 'status', status: kind });
  }

  private after(ms: number, action: () => void): void {
    this.cancelTimer();
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      action();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private send(message: AcceptorMessage): void {
    void this.transport?.write(encodeAcceptorMessage(message));
  }

  private emit(event: BillAcceptorSimulatorEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

function settingOf(type: `set-${string}`): 'denominations' | 'security' | 'communication-mode' | 'inhibit' | 'direction' | 'optional-functions' {
  switch (type) {
    case 'set-denominations':
      return 'denominations';
    case 'set-security':
      return 'security';
    case 'set-communication-mode':
      return 'communication-mode';
    case 'set-inhibit':
      return 'inhibit';
    case 'set-direction':
      return 'direction';
    default:
      return 'optional-functions';
  }
}

function settingOffset(setting: ReturnType<typeof settingOf>): number {
  return ['denominations', 'security', 'communication-mode', 'inhibit', 'direction', 'optional-functions'].indexOf(setting);
}
