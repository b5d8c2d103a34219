import { Writable } from 'node:stream';
import { FakeClock } from '../../common/clock';
import { createLogger } from '../../common/log';
import { createFingerprintReader } from '../../devices/fingerprint/factory';
import { FakeIdentityVerifier } from '../../test/support/fake-identity-verifier';
import { parseResidentNumber, type ResidentNumber } from './resident-number';
import { IdentityService, type IdentifyOutcome, type IdentifyProgress } from './service';

const PERSON = '900101-1234568';
const DOCUMENTS = ['resident-copy'];

function residentNumber(text: string, now: number): ResidentNumber {
  const parsed = parseResidentNumber(text, { now });
  if (!parsed.ok) throw new Error(parsed.error.kind);
  return parsed.value.residentNumber;
}

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
  const service = new IdentityService({ reader, verifier, clock, log });
  return { clock, lines, reader, simulator: simulator!, verifier, service };
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

describe('IdentityService', () => {
  it('captures, verifies and wipes the template it sent', async () => {
    const { clock, simulator, verifier, service, lines } = await rig();
    const progress: IdentifyProgress['type'][] = [];
    simulator.placeFinger(PERSON);
    const number = residentNumber(PERSON, clock.now());
    const outcome = await settle(clock, service.identify({ residentNumber: number, documentCodes: DOCUMENTS, onProgress: (p) => progress.push(p.type) }));
    expect(outcome).toMatchObject({ kind: 'verified', token: 'token-resident-copy' });
    expect(outcome.kind === 'verified' && outcome.displayName.reveal()).toBe('홍길동');
    expect(JSON.stringify(outcome)).toContain('"displayName":"홍*동"');
    expect(progress).toEqual(['waiting-for-finger', 'finger-detected', 'uploading', 'verifying']);
    expect(verifier.received[0]?.residentNumber).toBe(PERSON);
    expect(verifier.received[0]?.template.some((byte) => byte !== 0)).toBe(true);
    expect(verifier.templateBuffers[0]?.every((byte) => byte === 0)).toBe(true);
    const log = lines.join('');
    expect(log).toContain('identity.check.end');
    expect(log).not.toContain('234568');
    expect(log).not.toContain('홍길동');
    expect(log).not.toContain('token-resident-copy');
  });

  it('returns the central office’s "no match" with the attempts left', async () => {
    const { clock, simulator, service, verifier } = await rig();
    simulator.placeWrongFinger();
    const outcome = await settle(clock, service.identify({ residentNumber: residentNumber(PERSON, clock.now()), documentCodes: DOCUMENTS }));
    expect(outcome).toEqual<IdentifyOutcome>({ kind: 'not-verified', reason: 'no-match', attemptsLeft: 2 });
    expect(verifier.templateBuffers[0]?.every((byte) => byte === 0)).toBe(true);
  });

  it('reports an unreachable central office and still wipes the template', async () => {
    const { clock, simulator, service, verifier } = await rig();
    verifier.reachable = false;
    simulator.placeFinger(PERSON);
    const outcome = await settle(clock, service.identify({ residentNumber: residentNumber(PERSON, clock.now()), documentCodes: DOCUMENTS }));
    expect(outcome).toEqual({ kind: 'office-unavailable', failure: 'unreachable' });
    expect(verifier.templateBuffers[0]?.every((byte) => byte === 0)).toBe(true);
  });

  it('turns reader failures into outcomes: no finger, poor image, unavailable', async () => {
    const { clock, simulator, service } = await rig();
    const number = residentNumber(PERSON, clock.now());
    expect(await settle(clock, service.identify({ residentNumber: number, documentCodes: DOCUMENTS }))).toEqual({ kind: 'no-finger' });
    simulator.placePoorFinger('messy', { hold: true });
    expect(await settle(clock, service.identify({ residentNumber: number, documentCodes: DOCUMENTS }))).toEqual({ kind: 'poor-image' });
    simulator.removeFinger();
    simulator.setAnswering(false);
    expect(await settle(clock, service.identify({ residentNumber: number, documentCodes: DOCUMENTS }))).toEqual({
      kind: 'reader-unavailable',
      fault: 'not-responding',
    });
  });

  it('answers "cancelled" at once when aborted while the central office is asked, and wipes later', async () => {
    const { clock, simulator, reader } = await rig();
    let release: () => void = () => undefined;
    let slowTemplate: Uint8Array | undefined;
    const slow = {
      verify: async (_n: string, template: Uint8Array) => {
        slowTemplate = template;
        await new Promise<void>((resolve) => (release = resolve));
        return { ok: false as const, error: { kind: 'unreachable' as const, detail: 'slow' } };
      },
    };
    const slowService = new IdentityService({ reader, verifier: slow, clock, log: createLogger({ level: 'silent' }) });
    const controller = new AbortController();
    simulator.placeFinger(PERSON);
    const pending = slowService.identify({
      residentNumber: residentNumber(PERSON, clock.now()),
      documentCodes: DOCUMENTS,
      signal: controller.signal,
      onProgress: (p) => p.type === 'verifying' && controller.abort(),
    });
    expect(await settle(clock, pending)).toEqual({ kind: 'cancelled' });
    expect(slowTemplate?.some((byte) => byte !== 0)).toBe(true);
    release();
    await clock.advance(10);
    expect(slowTemplate?.every((byte) => byte === 0)).toBe(true);
  });
});
