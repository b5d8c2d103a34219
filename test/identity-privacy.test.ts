import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createActor } from 'xstate';
import { FakeClock } from '../common/clock';
import { createLogger } from '../common/log';
import { createFingerprintReader } from '../devices/fingerprint/factory';
import { capturedTemplate, enrolledTemplate } from '../devices/fingerprint/synthetic-finger';
import { identityMachineFor } from '../kiosk/identity/actor';
import { IdentityService } from '../kiosk/identity/service';
import { DATABASE_FILE, openDatabase } from '../kiosk/store/database';
import { Outbox } from '../kiosk/store/outbox';
import { identityView } from '../state-machines/identity';
import { FakeIdentityVerifier } from './support/fake-identity-verifier';
import { describeFindings, scanForPersonalData } from './support/privacy-scan';

/**
 * The identity step leaves nothing behind: after verified, failed and unreachable checks, with debug logging on,
 * neither the data folder (SQLite database, WAL, log file) holds the resident number or any template that was
 * captured. The full end-to-end scan runs again when the session lands; this one covers the identity parts.
 */
const PERSON = '900101-1234568';

describe('identity privacy: nothing at rest', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'identity-privacy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves no resident number or template in the database, its WAL, or the logs', async () => {
    const clock = new FakeClock();
    const logFile = path.join(dir, 'kiosk.log');
    const destination = pino.destination({ dest: logFile, sync: true });
    const log = createLogger({ destination, level: 'debug' });
    const opened = openDatabase(path.join(dir, DATABASE_FILE));
    if (!opened.ok) throw new Error(opened.error.detail);
    const db = opened.value;
    const outbox = new Outbox(db, 'GJ-HALL-01', () => clock.now());
    const { reader, simulator } = await createFingerprintReader({ driver: 'simulated' }, { clock, log });
    const verifier = new FakeIdentityVerifier(new Set([PERSON]));
    const machine = identityMachineFor(new IdentityService({ reader, verifier, clock, log }));

    const runSession = async (script: (actor: ReturnType<typeof createActor<typeof machine>>) => Promise<void>) => {
      const actor = createActor(machine, { input: { documentCodes: ['resident-copy'], now: clock.now() } }).start();
      for (const char of PERSON.replace('-', '')) actor.send({ type: 'KEY', key: { type: 'digit', digit: Number(char) } });
      actor.send({ type: 'CONFIRM' });
      await script(actor);
      // What a careless session might log: its whole view and snapshot.
      log.debug({ event: 'session.view', view: identityView(actor.getSnapshot()), snapshot: actor.getPersistedSnapshot() });
      db.transaction(() => outbox.append('session.completed', { outcome: 'cancelled' }))();
      actor.stop();
    };
    const until = async (actor: { getSnapshot(): Parameters<typeof identityView>[0] }, screen: string) => {
      for (let i = 0; i < 1_000 && identityView(actor.getSnapshot()).screen !== screen; i++) await clock.advance(50);
      expect(identityView(actor.getSnapshot()).screen).toBe(screen);
    };

    // 1. verified at the first touch
    await runSession(async (actor) => {
      simulator!.placeFinger(PERSON);
      await until(actor, 'verified');
    });
    // 2. a wrong finger, then the office cannot be reached
    await runSession(async (actor) => {
      simulator!.placeWrongFinger();
      await until(actor, 'retry');
      verifier.reachable = false;
      actor.send({ type: 'RETRY' });
      simulator!.placeFinger(PERSON);
      await until(actor, 'office-unreachable');
      verifier.reachable = true;
    });
    await reader.close();
    db.close();
    destination.flushSync();

    const templates = [enrolledTemplate(PERSON), capturedTemplate(PERSON, 1), capturedTemplate(PERSON, 2), capturedTemplate('wrong-finger:1', 1)];
    const findings = scanForPersonalData([dir], [PERSON], templates, { anyResidentNumberShape: true });
    expect(findings, describeFindings(findings)).toEqual([]);
    // The scan did look at real files with real content.
    const { readFileSync } = await import('node:fs');
    const logText = readFileSync(logFile, 'utf8');
    expect(logText).toContain('identity.check.end');
    expect(logText).toContain('fingerprint.capture.end');
    expect(logText).toContain('session.view');
    // The name from the verdict is shown on screen, never written down.
    expect(logText).not.toContain('홍길동');
  });
});
