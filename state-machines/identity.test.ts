import { createActor, fromCallback, type Actor } from 'xstate';
import { FakeClock } from '../common/clock';
import { silentLogger } from '../common/log';
import { createFingerprintReader, type FingerprintSimulatorControl } from '../devices/fingerprint/factory';
import { createKeypad } from '../devices/keypad/factory';
import type { NavigationKey } from '../devices/keypad/keys';
import { identityMachineFor } from '../kiosk/identity/actor';
import { IDENTITY_MESSAGES } from '../kiosk/identity/messages';
import { IdentityService } from '../kiosk/identity/service';
import { FakeIdentityVerifier } from '../test/support/fake-identity-verifier';
import {
  identityEventForKeypad,
  identityMachine,
  identityView,
  MAX_IDENTITY_ATTEMPTS,
  wipeIdentity,
  type IdentifyActorInput,
  type IdentityEvent,
  type IdentityView,
} from './identity';

const PERSON = '900101-1234568';
const IDENTITY_DOCUMENTS = ['resident-copy', 'land-ledger'];

type Rig = {
  clock: FakeClock;
  simulator: FingerprintSimulatorControl;
  verifier: FakeIdentityVerifier;
  actor: Actor<ReturnType<typeof identityMachineFor>>;
  view(): IdentityView;
  type(digits: string): void;
  until(predicate: (view: IdentityView) => boolean, maxMs?: number): Promise<IdentityView>;
};

async function rig(documentCodes: readonly string[] = IDENTITY_DOCUMENTS): Promise<Rig> {
  const clock = new FakeClock();
  const log = silentLogger();
  const { reader, simulator } = await createFingerprintReader({ driver: 'simulated' }, { clock, log });
  const verifier = new FakeIdentityVerifier(new Set([PERSON]));
  const service = new IdentityService({ reader, verifier, clock, log });
  const actor = createActor(identityMachineFor(service), { input: { documentCodes, now: clock.now() } });
  actor.start();
  const view = () => identityView(actor.getSnapshot());
  return {
    clock,
    simulator: simulator!,
    verifier,
    actor,
    view,
    type: (digits) => {
      for (const char of digits.replace('-', '')) actor.send({ type: 'KEY', key: { type: 'digit', digit: Number(char) } });
    },
    until: async (predicate, maxMs = 60_000) => {
      for (let elapsed = 0; elapsed <= maxMs; elapsed += 50) {
        if (predicate(view())) return view();
        await clock.advance(50);
      }
      throw new Error(`the citizen never saw the expected screen; last: ${JSON.stringify(view())}`);
    },
  };
}

async function enterNumber(r: Rig, number = PERSON): Promise<void> {
  r.type(number);
  expect(r.view().actions).toContain('confirm');
  r.actor.send({ type: 'CONFIRM' });
  await r.until((view) => view.screen === 'fingerprint');
}

describe('identity machine: what the citizen sees', () => {
  it('match: number (masked) → place your finger → checking → confirmed', async () => {
    const r = await rig();
    expect(r.view()).toMatchObject({ screen: 'resident-number', message: 'identity.enter-number', residentNumber: '______-_______' });
    expect(r.view().actions).toEqual(['cancel']); // 확인 only at 13 digits
    r.type('900101-12');
    expect(r.view().residentNumber).toBe('900101-1●_____');
    r.type('34568');
    r.actor.send({ type: 'CONFIRM' });
    expect(r.view()).toMatchObject({ screen: 'fingerprint', message: 'identity.place-finger', residentNumber: '900101-1******', attemptsLeft: 3 });
    r.simulator.placeFinger(PERSON);
    await r.until((view) => view.screen === 'verified');
    expect(r.view().message).toBe('identity.verified');
    expect(r.actor.getSnapshot().output).toMatchObject({ result: 'verified', token: 'token-resident-copy+land-ledger' });
    const output = r.actor.getSnapshot().output;
    expect(output?.result === 'verified' && output.displayName.reveal()).toBe('홍길동');
    expect(JSON.stringify(r.actor.getPersistedSnapshot())).not.toContain('홍길동');
    // The number is gone from memory once the step is over.
    expect(r.actor.getSnapshot().context.residentNumber?.isWiped).toBe(true);
    expect(r.view().residentNumber).toBe('______-_______');
  });

  it('no match three times: attempts left 2, 1, then "use the counter"', async () => {
    const r = await rig();
    await enterNumber(r);
    for (const left of [2, 1]) {
      r.simulator.placeWrongFinger();
      const view = await r.until((v) => v.screen === 'retry');
      expect(view).toMatchObject({ message: 'identity.no-match', attemptsLeft: left, actions: ['retry', 'edit', 'cancel'] });
      r.actor.send({ type: 'RETRY' });
      await r.until((v) => v.screen === 'fingerprint');
    }
    r.simulator.placeWrongFinger();
    const last = await r.until((v) => v.screen === 'use-counter');
    expect(last).toMatchObject({ message: 'identity.use-counter', attemptsLeft: 0, actions: [] });
    expect(r.actor.getSnapshot().output).toEqual({ result: 'use-counter', reason: 'attempts-exhausted' });
    expect(IDENTITY_MESSAGES['identity.use-counter'].ko).toContain('창구');
    expect(MAX_IDENTITY_ATTEMPTS).toBe(3);
  });

  it('no finger: after the time-out the citizen is told and may try again', async () => {
    const r = await rig();
    await enterNumber(r);
    await r.clock.advance(19_000);
    expect(r.view().screen).toBe('fingerprint');
    const view = await r.until((v) => v.screen === 'retry');
    expect(view).toMatchObject({ message: 'identity.no-finger', attemptsLeft: 3 });
    r.actor.send({ type: 'RETRY' });
    r.simulator.placeFinger(PERSON);
    await r.until((v) => v.screen === 'verified');
  });

  it('poor image: guidance on screen while the reader asks again', async () => {
    const r = await rig();
    await enterNumber(r);
    r.simulator.placePoorFinger('too-few-features');
    const guided = await r.until((v) => v.guidance !== undefined);
    expect(guided).toMatchObject({ screen: 'fingerprint', message: 'identity.finger.more-of-finger', guidance: 'more-of-finger' });
    r.simulator.placeFinger(PERSON);
    await r.until((v) => v.screen === 'verified');
  });

  it('reader unplugged mid-capture: the reader cannot be used, go to the counter', async () => {
    const r = await rig();
    await enterNumber(r);
    await r.clock.advance(1_000);
    r.simulator.unplug();
    const view = await r.until((v) => v.screen === 'reader-unavailable');
    expect(view.message).toBe('identity.reader-unavailable');
    expect(IDENTITY_MESSAGES['identity.reader-unavailable'].en).toMatch(/counter/);
    expect(r.actor.getSnapshot().output).toEqual({ result: 'reader-unavailable' });
    expect(r.actor.getSnapshot().context.residentNumber?.isWiped).toBe(true);
  });

  it('central office unreachable: told so, may retry (finger again) and succeed', async () => {
    const r = await rig();
    r.verifier.reachable = false;
    await enterNumber(r);
    r.simulator.placeFinger(PERSON);
    const view = await r.until((v) => v.screen === 'office-unreachable');
    expect(view).toMatchObject({ message: 'identity.office-unreachable', actions: ['retry', 'cancel'], attemptsLeft: 3 });
    r.verifier.reachable = true;
    r.actor.send({ type: 'RETRY' });
    r.simulator.placeFinger(PERSON);
    await r.until((v) => v.screen === 'verified');
  });

  it('public-record documents skip identity entirely', async () => {
    const r = await rig(['land-ledger', 'building-general', 'real-estate-registry']);
    expect(r.view()).toMatchObject({ screen: 'not-required', message: 'identity.not-required' });
    expect(r.actor.getSnapshot().output).toEqual({ result: 'not-required' });
  });

  it('an invalid number stays on the keypad with the reason; a check-digit warning asks to confirm', async () => {
    const r = await rig();
    r.type('990230-1234569');
    r.actor.send({ type: 'CONFIRM' });
    expect(r.view()).toMatchObject({ screen: 'resident-number', message: 'identity.number.birth-date' });
    r.actor.send({ type: 'KEY', key: { type: 'clear' } });
    r.type('900101-1234567'); // check digit should be 8
    r.actor.send({ type: 'CONFIRM' });
    expect(r.view()).toMatchObject({ screen: 'check-number', message: 'identity.number.check-digit', actions: ['confirm', 'edit', 'cancel'] });
    r.actor.send({ type: 'EDIT' });
    expect(r.view()).toMatchObject({ screen: 'resident-number', residentNumber: '______-_______' });
  });

  it('a number the central office does not know goes back to the keypad, counting as an attempt', async () => {
    const r = await rig();
    await enterNumber(r, '850315-2345678');
    r.simulator.placeFinger('850315-2345678');
    const view = await r.until((v) => v.screen === 'resident-number');
    expect(view).toMatchObject({ message: 'identity.unknown-resident', attemptsLeft: 2, residentNumber: '______-_______' });
  });

  it('cancel during the capture stops the reader and wipes the number', async () => {
    const r = await rig();
    await enterNumber(r);
    await r.clock.advance(500);
    r.actor.send({ type: 'CANCEL' });
    expect(r.view().screen).toBe('cancelled');
    expect(r.actor.getSnapshot().output).toEqual({ result: 'cancelled' });
    await r.clock.advance(1_000);
    // The driver ended its capture (no polling left) and the finger placed later is not captured.
    r.simulator.placeFinger(PERSON);
    await r.clock.advance(1_000);
    expect(r.simulator.simulator.fingerOnSensor).toBe('person');
  });

  it('never puts the digits into a snapshot that could be persisted or sent', async () => {
    const r = await rig();
    await enterNumber(r);
    const persisted = JSON.stringify(r.actor.getPersistedSnapshot());
    expect(persisted).toContain('900101-1******');
    expect(persisted).not.toContain('234568');
    expect(JSON.stringify(r.view())).not.toContain('234568');
    r.actor.stop();
    wipeIdentity(r.actor.getSnapshot().context);
    expect(r.actor.getSnapshot().context.residentNumber?.isWiped).toBe(true);
  });
});

describe('identity machine with a scripted identify actor (pure)', () => {
  it('follows the central office’s own attempt count (locked after earlier attempts today)', () => {
    const machine = identityMachine.provide({
      actors: {
        identify: fromCallback<IdentityEvent, IdentifyActorInput>(({ sendBack }) => {
          sendBack({ type: 'IDENTIFY.DONE', outcome: { kind: 'not-verified', reason: 'locked', attemptsLeft: 0 } });
        }),
      },
    });
    const actor = createActor(machine, { input: { documentCodes: ['basic'], now: Date.UTC(2026, 0, 1) } }).start();
    for (const char of '9001011234568') actor.send({ type: 'KEY', key: { type: 'digit', digit: Number(char) } });
    actor.send({ type: 'CONFIRM' });
    expect(identityView(actor.getSnapshot())).toMatchObject({ screen: 'use-counter', message: 'identity.locked' });
    expect(actor.getSnapshot().output).toEqual({ result: 'use-counter', reason: 'locked' });
  });

  it('sends the citizen to the counter after too many captures without a verdict', () => {
    const machine = identityMachine.provide({
      actors: {
        identify: fromCallback<IdentityEvent, IdentifyActorInput>(({ sendBack }) => {
          sendBack({ type: 'IDENTIFY.DONE', outcome: { kind: 'no-finger' } });
        }),
      },
    });
    const actor = createActor(machine, { input: { documentCodes: ['basic'], now: Date.UTC(2026, 0, 1) } }).start();
    for (const char of '9001011234568') actor.send({ type: 'KEY', key: { type: 'digit', digit: Number(char) } });
    actor.send({ type: 'CONFIRM' });
    let retries = 0;
    while (identityView(actor.getSnapshot()).screen === 'retry') {
      retries++;
      actor.send({ type: 'RETRY' });
    }
    expect(retries).toBe(7);
    expect(actor.getSnapshot().output).toEqual({ result: 'use-counter', reason: 'too-many-captures' });
  });
});

describe('identity with the tactile keypad and earphone alone', () => {
  it('a blind citizen types the number, confirms, retries after no match and is verified', async () => {
    const r = await rig();
    const { keypad, simulator: keys } = createKeypad({ driver: 'simulated' }, { clock: r.clock, log: silentLogger() });
    let voice = false;
    keypad.onCommand((command) => {
      if (command.type === 'voice-guidance') voice = command.on;
      const event = identityEventForKeypad(command, r.view());
      if (event) r.actor.send(event);
    });
    await keypad.start();
    keys!.plugEarphone();
    const press = async (...pressed: NavigationKey[]) => {
      for (const key of pressed) keys!.press(key);
      await r.clock.advance(10);
    };
    await press(...[...'9001011234560'].map((digit) => `digit-${digit}` as NavigationKey));
    expect(voice).toBe(true);
    await press('erase', 'digit-8', 'select');
    expect(r.view()).toMatchObject({ screen: 'fingerprint', residentNumber: '900101-1******' });
    r.simulator.placeWrongFinger();
    await r.until((v) => v.screen === 'retry');
    await press('select'); // = try again
    expect(r.view().screen).toBe('fingerprint');
    r.simulator.placeFinger(PERSON);
    await r.until((v) => v.screen === 'verified');
  });
});
