import { Writable } from 'node:stream';
import { FakeClock } from '../../common/clock';
import { createLogger } from '../../common/log';
import { err, ok } from '../../common/result';
import { createFingerprintReader } from '../../devices/fingerprint/factory';
import { FINGER_CAPTURE_TIMEOUT_MS } from '../../state-machines/session/timeouts';
import type { FingerGuidance } from '../../state-machines/session/facts';
import { FakeIdentityVerifier } from '../../test/support/fake-identity-verifier';
import type { CentralOfficeClient } from '../central-client/client';
import { centralIdentityVerifier, guidanceOf, ReaderIdentityPort, TEMPLATE_HOLD_MS } from './identity';

const PERSON = '900101-1234568';

async function rig() {
  const clock = new FakeClock();
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const log = createLogger({ destination, level: 'debug' });
  const { reader, simulator } = await createFingerprintReader({ driver: 'simulated' }, { clock, log });
  const verifier = new FakeIdentityVerifier(new Set([PERSON]), { keepCopies: true });
  const port = new ReaderIdentityPort({ reader, verifier, clock, log });
  return { clock, lines, reader, simulator: simulator!, verifier, port };
}

async function settle<T>(clock: FakeClock, promise: Promise<T>): Promise<T> {
  let done = false;
  let value: T | undefined;
  void promise.then((v) => {
    done = true;
    value = v;
  });
  for (let i = 0; !done && i < 2_000; i++) await clock.advance(50);
  if (!done) throw new Error('did not settle');
  return value as T;
}

describe('the IdentityPort over the reader and the central office', () => {
  it('hands the session an opaque handle, sends the template once, and zeroes it when the office answers', async () => {
    const { clock, simulator, verifier, port, lines } = await rig();
    const guidance: FingerGuidance[] = [];
    simulator.placeFinger(PERSON);
    const captured = await settle(clock, port.capture({ timeoutMs: FINGER_CAPTURE_TIMEOUT_MS, signal: new AbortController().signal, onGuidance: (g) => guidance.push(g) }));
    expect(captured.ok).toBe(true);
    if (!captured.ok) return;
    expect(captured.value.template).toMatch(/^[0-9a-f-]{36}$/);
    expect(guidance).toEqual(['place-finger', 'reading']);
    expect(port.heldTemplates).toBe(1);

    const verdict = await port.verify({ residentNumber: PERSON, template: captured.value, documentCodes: ['resident-copy'] });
    expect(verdict).toEqual(ok({ verified: true, token: 'token-resident-copy', entitlements: [], displayName: '홍길동' }));
    expect(verifier.received[0]?.template.some((byte) => byte !== 0)).toBe(true);
    expect(verifier.templateBuffers[0]?.every((byte) => byte === 0)).toBe(true);
    expect(port.heldTemplates).toBe(0);
    // The same handle cannot be used twice.
    expect(await port.verify({ residentNumber: PERSON, template: captured.value, documentCodes: ['resident-copy'] })).toMatchObject({ ok: false, error: { kind: 'refused' } });
    const log = lines.join('');
    expect(log).toContain('"event":"identity.verify"');
    expect(log).not.toContain(PERSON);
    expect(log).not.toContain(PERSON.replace('-', ''));
  });

  it('reports a wrong finger as the office’s refusal with attempts left, and an unreachable office as unreachable', async () => {
    const { clock, simulator, verifier, port } = await rig();
    simulator.placeWrongFinger();
    const wrong = await settle(clock, port.capture({ timeoutMs: FINGER_CAPTURE_TIMEOUT_MS, signal: new AbortController().signal, onGuidance: () => undefined }));
    if (!wrong.ok) throw new Error('no capture');
    expect(await port.verify({ residentNumber: PERSON, template: wrong.value, documentCodes: ['resident-copy'] })).toEqual(
      ok({ verified: false, reason: 'no-match', attemptsLeft: 2 }),
    );
    verifier.reachable = false;
    simulator.placeFinger(PERSON);
    const right = await settle(clock, port.capture({ timeoutMs: FINGER_CAPTURE_TIMEOUT_MS, signal: new AbortController().signal, onGuidance: () => undefined }));
    if (!right.ok) throw new Error('no capture');
    expect(await port.verify({ residentNumber: PERSON, template: right.value, documentCodes: ['resident-copy'] })).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
    expect(verifier.templateBuffers.every((buffer) => buffer.every((byte) => byte === 0))).toBe(true);
  });

  it('ends with no-finger when nobody touches the reader in time, or when the citizen cancels', async () => {
    const { clock, port } = await rig();
    const late = await settle(clock, port.capture({ timeoutMs: 3_000, signal: new AbortController().signal, onGuidance: () => undefined }));
    expect(late).toMatchObject({ ok: false, error: { kind: 'no-finger' } });
    const abort = new AbortController();
    const cancelled = port.capture({ timeoutMs: FINGER_CAPTURE_TIMEOUT_MS, signal: abort.signal, onGuidance: () => undefined });
    await clock.advance(500);
    abort.abort();
    expect(await settle(clock, cancelled)).toMatchObject({ ok: false, error: { kind: 'no-finger' } });
  });

  it('starts a new capture after an abandoned one has ended, rather than failing as busy', async () => {
    const { clock, simulator, port } = await rig();
    const abort = new AbortController();
    const abandoned = port.capture({ timeoutMs: FINGER_CAPTURE_TIMEOUT_MS, signal: abort.signal, onGuidance: () => undefined });
    await clock.advance(300);
    abort.abort();
    simulator.placeFinger(PERSON);
    const next = port.capture({ timeoutMs: FINGER_CAPTURE_TIMEOUT_MS, signal: new AbortController().signal, onGuidance: () => undefined });
    expect(await settle(clock, abandoned)).toMatchObject({ ok: false, error: { kind: 'no-finger' } });
    expect(await settle(clock, next)).toMatchObject({ ok: true });
  });

  it('zeroes a template the session never sent (the citizen left between capture and verdict)', async () => {
    const { clock, simulator, port, reader } = await rig();
    simulator.placeFinger(PERSON);
    const captured = await settle(clock, port.capture({ timeoutMs: FINGER_CAPTURE_TIMEOUT_MS, signal: new AbortController().signal, onGuidance: () => undefined }));
    expect(captured.ok && port.heldTemplates).toBe(1);
    await clock.advance(TEMPLATE_HOLD_MS);
    expect(port.heldTemplates).toBe(0);
    if (captured.ok) expect(await port.verify({ residentNumber: PERSON, template: captured.value, documentCodes: ['resident-copy'] })).toMatchObject({ ok: false });
    await reader.close();
  });

  it('reports an unplugged reader as a reader fault', async () => {
    const { clock, simulator, port } = await rig();
    simulator.unplug();
    const captured = await settle(clock, port.capture({ timeoutMs: FINGER_CAPTURE_TIMEOUT_MS, signal: new AbortController().signal, onGuidance: () => undefined }));
    expect(captured).toMatchObject({ ok: false, error: { kind: 'reader-fault' } });
  });

  it('reports a poor image and a module that stops answering as the session’s failures', async () => {
    const { clock, simulator, port } = await rig();
    simulator.placePoorFinger('messy', { hold: true });
    const poor = await settle(clock, port.capture({ timeoutMs: FINGER_CAPTURE_TIMEOUT_MS, signal: new AbortController().signal, onGuidance: () => undefined }));
    expect(poor).toMatchObject({ ok: false, error: { kind: 'poor-image' } });
    simulator.removeFinger();
    simulator.setAnswering(false);
    const silent = await settle(clock, port.capture({ timeoutMs: FINGER_CAPTURE_TIMEOUT_MS, signal: new AbortController().signal, onGuidance: () => undefined }));
    expect(silent).toMatchObject({ ok: false, error: { kind: 'reader-fault', code: 'not-responding' } });
    expect(port.heldTemplates).toBe(0);
  });

  it('zeroes the template when the office answers even if the session stopped waiting (the citizen cancelled)', async () => {
    const { clock, simulator, reader } = await rig();
    let release: () => void = () => undefined;
    let sent: Uint8Array | undefined;
    const slow = {
      verify: async (_number: string, template: Uint8Array) => {
        sent = template;
        await new Promise<void>((resolve) => (release = resolve));
        return err({ kind: 'unreachable' as const, detail: 'slow' });
      },
    };
    const port = new ReaderIdentityPort({ reader, verifier: slow, clock, log: createLogger({ level: 'silent' }) });
    simulator.placeFinger(PERSON);
    const captured = await settle(clock, port.capture({ timeoutMs: FINGER_CAPTURE_TIMEOUT_MS, signal: new AbortController().signal, onGuidance: () => undefined }));
    if (!captured.ok) throw new Error('no capture');
    // The session's actor is stopped here: nobody awaits this promise any more.
    const abandoned = port.verify({ residentNumber: PERSON, template: captured.value, documentCodes: ['resident-copy'] });
    await clock.advance(0);
    expect(port.heldTemplates).toBe(0);
    expect(sent?.some((byte) => byte !== 0)).toBe(true);
    release();
    await abandoned;
    expect(sent?.every((byte) => byte === 0)).toBe(true);
  });

  it('maps the reader’s hints to the session’s', () => {
    expect(guidanceOf({ type: 'poor-image', guidance: 'press-firmly', code: 3, attempt: 1 })).toBe('press-harder');
    expect(guidanceOf({ type: 'poor-image', guidance: 'more-of-finger', code: 7, attempt: 1 })).toBe('move-finger');
    expect(guidanceOf({ type: 'waiting-for-finger' })).toBe('place-finger');
  });
});

describe('the central office as the identity verifier', () => {
  it('sends the template as base64 of the caller’s own bytes and maps refusals', async () => {
    const sent: string[] = [];
    const client: Pick<CentralOfficeClient, 'verifyIdentity'> = {
      verifyIdentity: async (request) => {
        sent.push(request.template);
        return sent.length === 1
          ? ok({ verified: false, reason: 'no-match', attemptsLeft: 2 })
          : { ok: false, error: { kind: 'rejected', status: 429, code: 'kiosk-attempt-limit', message: 'slow down' } };
      },
    };
    const verifier = centralIdentityVerifier(client);
    const template = new Uint8Array([1, 2, 3, 4, 5, 6]);
    expect(await verifier.verify(PERSON, template, ['resident-copy'])).toEqual(ok({ verified: false, reason: 'no-match', attemptsLeft: 2 }));
    expect(sent[0]).toBe(Buffer.from(template).toString('base64'));
    expect(await verifier.verify(PERSON, template, ['resident-copy'])).toMatchObject({ ok: false, error: { kind: 'rejected' } });
  });
});
