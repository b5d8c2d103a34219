import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatConfigError, loadConfigFile, parseConfig } from '.';

const demoFile = path.join(__dirname, 'demo.json');
const demo = () => JSON.parse(readFileSync(demoFile, 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function writeConfig(config: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'config-')), 'kiosk.json');
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config));
  return file;
}

function problemsOf(config: unknown): string {
  const loaded = loadConfigFile(writeConfig(config));
  if (loaded.ok) throw new Error('expected the configuration to be refused');
  return formatConfigError(loaded.error);
}

describe('the configuration file', () => {
  it('accepts the demo configuration and resolves the data folder next to the file', () => {
    const loaded = loadConfigFile(demoFile);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.config.kioskId).toBe('GJ-HALL-01');
    expect(loaded.value.config.dataDir).toBe(path.resolve(__dirname, '../../demo-data'));
    expect(loaded.value.config.hours.kiosk).toHaveLength(7);
    expect(loaded.value.config.devices.billAcceptor).toEqual({ driver: 'simulated' });
  });

  it('names the field, the expected value and the value found for a driver typo', () => {
    const config = demo();
    config.devices.billAcceptor = { driver: 'id03', port: '/dev/ttyUSB0' };
    const message = problemsOf(config);
    expect(message).toContain('devices.billAcceptor.driver: expected one of "id003" | "simulated", found "id03"');
  });

  it('suggests the key that was meant for a misspelt one', () => {
    const config = demo();
    config.site.distrct = config.site.district;
    delete config.site.district;
    const message = problemsOf(config);
    expect(message).toContain('site.distrct: expected no such key ("distrct" → did you mean "district"?)');
    expect(message).toContain('site.district: expected a value of type string, found nothing (the field is missing)');
  });

  it('reports wrong types, bad times and unknown document codes', () => {
    const config = demo();
    config.api.port = '8080';
    config.hours.kiosk = { open: '8:30', close: '24:00' };
    config.disabledDocuments = ['passport'];
    const message = problemsOf(config);
    expect(message).toContain('api.port: expected a value of type number, found "8080"');
    expect(message).toMatch(/hours\.kiosk.*found \{"open":"8:30","close":"24:00"\}/);
    expect(message).toContain('disabledDocuments.0: expected a document code of the catalogue, found "passport"');
  });

  it('says where invalid JSON breaks', () => {
    expect(problemsOf('{\n  "kioskId": "GJ-HALL-01",\n}\n')).toMatch(/not valid JSON: .*line 3, column 1/);
  });

  it('says when the file cannot be read', () => {
    const loaded = loadConfigFile('/nonexistent/kiosk.json');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(formatConfigError(loaded.error)).toMatch(/Cannot read the configuration file \/nonexistent\/kiosk.json: ENOENT/);
  });

  it('gives the session the production idle timing by default', () => {
    const parsed = parseConfig(demo());
    expect(parsed).toMatchObject({ ok: true, value: { session: { idleScale: 1, warningSeconds: 30 } } });
  });

  it('lets a production kiosk lengthen or shorten idle time within bounds, never under 20 s to answer', () => {
    const config = demo();
    config.simulatorControl = false;
    config.session = { idleScale: 2, warningSeconds: 45 };
    expect(parseConfig(config)).toMatchObject({ ok: true, value: { session: { idleScale: 2, warningSeconds: 45 } } });

    config.session = { idleScale: 0.1, warningSeconds: 5 };
    const message = problemsOf(config);
    expect(message).toContain('session.idleScale: expected at least 0.5 (lower only with "simulatorControl": true, never in production), found 0.1');
    expect(message).toContain('session.warningSeconds: expected at least 20 s to answer the warning (lower only with "simulatorControl": true, never in production), found 5');

    // One second short is refused; an absent value takes the production default.
    config.session = { warningSeconds: 19 };
    expect(problemsOf(config)).toContain('session.warningSeconds: expected at least 20 s');
    config.session = {};
    expect(parseConfig(config)).toMatchObject({ ok: true, value: { session: { idleScale: 1, warningSeconds: 30 } } });
  });

  it('accepts test timings only on a kiosk with simulator control, and never below the test floor', () => {
    const config = demo();
    config.simulatorControl = true;
    config.session = { idleScale: 0.05, warningSeconds: 5 };
    expect(parseConfig(config)).toMatchObject({ ok: true, value: { session: { idleScale: 0.05, warningSeconds: 5 } } });

    config.session = { idleScale: 0, warningSeconds: 1.5, idleScal: 1 };
    const message = problemsOf(config);
    expect(message).toContain('session.idleScale: expected');
    expect(message).toContain('session.warningSeconds: expected');
    expect(message).toContain('session.idleScal: expected no such key ("idleScal" → did you mean "idleScale"?)');
    config.session = { idleScale: 4 };
    expect(problemsOf(config)).toContain('session.idleScale: expected');
  });

  it('requires a central office secret or secret file', () => {
    const config = demo();
    delete config.centralOffice.secret;
    const parsed = parseConfig(config);
    expect(parsed).toMatchObject({ ok: false, error: [{ field: 'centralOffice', expected: 'either secret or secretFile' }] });
  });
});
