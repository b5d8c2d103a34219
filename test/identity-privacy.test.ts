import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createLogger } from '../common/log';
import { createFingerprintReader } from '../devices/fingerprint/factory';
import { capturedTemplate, enrolledTemplate } from '../devices/fingerprint/synthetic-finger';
import { ReaderIdentityPort } from '../kiosk/adapters/identity';
import { FAKE_CITIZEN } from '../kiosk/session/fakes';
import type { IdentityPort } from '../kiosk/session/ports';
import { SessionHarness } from '../kiosk/session/testing';
import { FakeIdentityVerifier } from './support/fake-identity-verifier';
import { describeFindings, scanForPersonalData } from './support/privacy-scan';

/**
 * The identity step leaves nothing behind: citizens' sessions through the live path — the session machine, the
 * production IdentityPort over the real R30x driver and its simulator — verified, refused, and with the central
 * office gone, with debug logging on. Afterwards the data folder (SQLite database, WAL, log file) holds neither the
 * resident number (in any form the scan knows) nor any template that was captured. The model-based session tests
 * check every view and every text column of the database on every path; this one adds the logs and the templates.
 */
const PERSON = FAKE_CITIZEN.residentNumber;

describe('identity privacy: nothing at rest', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'identity-privacy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves no resident number or template in the database, its WAL, or the logs', async () => {
    const logFile = path.join(dir, 'kiosk.log');
    const destination = pino.destination({ dest: logFile, sync: true });
    const log = createLogger({ destination, level: 'debug' });
    const kiosk = await SessionHarness.create({ file: path.join(dir, 'kiosk.sqlite'), log });
    const { reader, simulator } = await createFingerprintReader({ driver: 'simulated' }, { clock: kiosk.clock, log });
    if (!simulator) throw new Error('the simulated reader comes with its simulator');
    const verifier = new FakeIdentityVerifier(new Set([PERSON]));
    const port = new ReaderIdentityPort({ reader, verifier, clock: kiosk.clock, log: log.child({ part: 'identity' }) });
    (kiosk.ports as unknown as { identity: IdentityPort }).identity = port;

    const toFinger = async () => {
      await kiosk.chooseDocuments([{ code: 'resident-copy' }]);
      await kiosk.typeResidentNumber(PERSON);
      await kiosk.waitFor((view) => view.screen === 'fingerprint' && view.phase === 'place-finger', 10_000);
      // What a careless kiosk might log while the number is in memory: the whole view and the checkpoint on disk.
      log.debug({ event: 'session.view', view: kiosk.view, checkpoint: kiosk.store.loadCheckpoint() });
    };

    // 1. verified at the first touch, then the citizen cancels on the summary
    await toFinger();
    simulator.placeFinger(PERSON);
    await kiosk.waitForScreen('summary', 30_000);
    await kiosk.do({ type: 'cancel' });
    await kiosk.finish(30_000);
    // 2. a wrong finger, then the central office cannot be reached
    await toFinger();
    simulator.placeWrongFinger();
    await kiosk.waitFor((view) => view.screen === 'fingerprint' && view.phase === 'retry', 30_000);
    verifier.reachable = false;
    await kiosk.do({ type: 'retryFingerprint' });
    simulator.placeFinger(PERSON);
    expect(await kiosk.waitForScreen('identity-failed', 30_000)).toMatchObject({ reasonKey: 'identity.office-unreachable' });
    await kiosk.do({ type: 'acknowledge' });
    await kiosk.finish(30_000);

    expect(kiosk.runtime.inspect().context.digits).toBe('');
    expect(port.heldTemplates).toBe(0);
    await reader.close();
    kiosk.stop(); // closes the database: the WAL is checkpointed into the file the scan reads
    destination.flushSync();

    const templates = [enrolledTemplate(PERSON), capturedTemplate(PERSON, 1), capturedTemplate(PERSON, 2), capturedTemplate('wrong-finger:1', 1)];
    const findings = scanForPersonalData([dir], [PERSON], templates, { anyResidentNumberShape: true });
    expect(findings, describeFindings(findings)).toEqual([]);
    // The scan did look at real files with real content.
    const logText = readFileSync(logFile, 'utf8');
    expect(logText).toContain('"event":"identity.verify"');
    expect(logText).toContain('fingerprint.capture.end');
    expect(logText).toContain('session.view');
    expect(logText).toContain('session.transition');
    // The name from the verdict never reaches the kiosk's records.
    expect(logText).not.toContain('홍길동');
  });
});
