import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createI18n } from '.';
import type { Availability } from '../../catalog/availability';
import type { OptionProblem } from '../../catalog';
import type { WaiverReason } from '../../catalog/fees';
import { PRINTER_FAULT_CODES } from '../../kiosk/adapters/printing';
import { sessionMachine } from '../../state-machines/session';
import type { FingerGuidance, IdentityFault, IdentityOutcome, PreparationProblem } from '../../state-machines/session/facts';
import { FIXTURE_NAMES, fixtureView } from '../fixtures/views';
import en from './en.json';
import ko from './ko.json';

const RENDERER = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const NAMESPACES = new Set(Object.keys(ko).map((key) => key.split('.')[0]));
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

describe('the Korean and English catalogues', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
  });

  it('fill in the same values in both languages', () => {
    const ko_ = ko as Record<string, string>;
    const en_ = en as Record<string, string>;
    for (const key of Object.keys(ko_)) expect([key, placeholders(en_[key] ?? '')]).toEqual([key, placeholders(ko_[key] ?? '')]);
  });

  it('leave no value empty', () => {
    for (const catalogue of [ko, en] as Record<string, string>[]) {
      for (const [key, value] of Object.entries(catalogue)) expect([key, value.trim().length > 0]).toEqual([key, true]);
    }
  });

  it('hold every key the renderer’s code names', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(RENDERER)) {
      const text = readFileSync(file, 'utf8');
      // A key is a quoted string whose first part is a catalogue namespace: `t('payment.due')`, `KEYS = { … 'step.choose' }`.
      for (const match of text.matchAll(/['"`]([a-z][a-z0-9-]*\.[a-z0-9.-]+)['"`]/g)) {
        const key = match[1] ?? '';
        if (NAMESPACES.has(key.split('.')[0] ?? '') && !/\.(tsx?|json|css|html|woff2)$/.test(key)) used.add(key);
      }
      // Keys are never built from pieces at run time, so this scan sees them all.
      expect([file, /\bt\(\s*`/.test(text)]).toEqual([file, false]);
    }
    expect(used.size).toBeGreaterThan(150);
    const missing = [...used].filter((key) => !(key in ko));
    expect(missing).toEqual([]);
  });

  it('hold every message key the fixtures send (the keys the session is asked to use)', () => {
    const keyFields = ['messageKey', 'guidanceKey', 'reasonKey', 'whatKey', 'whatToDoKey', 'errorKey', 'warningKey', 'unavailableReason', 'waivedByKey', 'faultKey'];
    const found: string[] = [];
    const visit = (value: unknown) => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (value === null || typeof value !== 'object') return;
      for (const [field, inner] of Object.entries(value)) {
        if (keyFields.includes(field) && typeof inner === 'string') found.push(inner);
        else if (field === 'problems' && inner && !Array.isArray(inner)) found.push(...Object.values(inner as Record<string, string>));
        else visit(inner);
      }
    };
    for (const name of FIXTURE_NAMES) visit(fixtureView(name));
    expect(found.length).toBeGreaterThan(10);
    expect(found.filter((key) => !(key in ko))).toEqual([]);
  });
});

/**
 * The keys the session and its view model send (the view model carries keys, the renderer says them). Literal keys
 * are read from the machine's source, the way the renderer's own are above; keys built from a fact (`fingerprint.` +
 * the reader's guidance …) are expanded from their types, made exhaustive by `Record<Union, true>` so that a new
 * member without a text fails to compile here.
 */
const STATE_MACHINES = path.resolve(RENDERER, '../state-machines');
const GUIDANCE: Record<FingerGuidance, true> = { 'place-finger': true, reading: true, 'lift-finger': true, 'press-harder': true, 'move-finger': true, verifying: true };
const CAPTURE_FAULTS: Record<IdentityFault['kind'], true> = { 'no-finger': true, 'poor-image': true, 'reader-fault': true, 'office-unreachable': true };
const REFUSALS: Record<Extract<IdentityOutcome, { verified: false }>['reason'], true> = { 'no-match': true, 'unknown-resident': true, 'poor-template': true, locked: true };
const UNAVAILABLE: Record<Extract<Availability, { available: false }>['reason'], true> = { 'kiosk-closed': true, 'office-hours-only': true, 'not-at-this-site': true };
const OPTION_PROBLEMS: Record<OptionProblem['problem'], true> = { unknown: true, 'wrong-type': true, 'out-of-range': true, invalid: true };
const RECORD_PROBLEMS: Record<PreparationProblem, true> = { 'not-found': true, 'office-unreachable': true, 'identity-expired': true, refused: true, 'render-failed': true };
const WAIVERS: Record<WaiverReason, true> = { 'basic-livelihood-recipient': true, 'national-merit': true, 'district-policy': true };
/** Namespaces the session uses for messages besides the renderer's own (a key in a namespace nobody has is missed otherwise). */
const SESSION_NAMESPACES = new Set([...NAMESPACES, 'fees', 'kiosk', 'office', 'printer', 'records', 'recovery', 'session']);

function statePaths(node: { readonly path: readonly string[]; readonly states: Readonly<Record<string, unknown>> }): string[] {
  const children = Object.values(node.states) as (typeof node)[];
  return [node.path.join('.'), ...children.flatMap(statePaths)];
}

describe('the session’s message keys', () => {
  it('all have a text in the catalogues', () => {
    const states = new Set(statePaths(sessionMachine.root));
    const sent = new Set<string>([
      ...Object.keys(GUIDANCE).filter((guidance) => guidance === 'press-harder' || guidance === 'move-finger').map((guidance) => `fingerprint.${guidance}`),
      ...Object.keys(CAPTURE_FAULTS).map((kind) => `fingerprint.${kind}`),
      ...Object.keys(REFUSALS).map((reason) => `fingerprint.${reason}`),
      ...Object.keys(UNAVAILABLE).map((reason) => `availability.${reason}`),
      ...Object.keys(OPTION_PROBLEMS).map((problem) => `options.${problem}`),
      ...Object.keys(RECORD_PROBLEMS).map((problem) => `records.${problem}`),
      ...Object.keys(WAIVERS).map((waiver) => `fees.waiver.${waiver}`),
      ...PRINTER_FAULT_CODES.map((code) => `printer.${code}`),
    ]);
    for (const file of sourceFiles(STATE_MACHINES)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/['"`]([a-z][a-z0-9-]*\.[a-z0-9.-]+)['"`]/g)) {
        const key = match[1] ?? '';
        if (SESSION_NAMESPACES.has(key.split('.')[0] ?? '') && !states.has(key) && key !== 'session.completed' && !/\.(tsx?|json)$/.test(key)) sent.add(key);
      }
    }
    expect(sent.size).toBeGreaterThan(40);
    expect([...sent].filter((key) => !(key in ko)).sort()).toEqual([]);
  });
});

describe('a language beyond Korean and English', () => {
  it('falls back to English for what its catalogue does not have yet', () => {
    const i18n = createI18n('vi', { extra: { vi: { 'bar.home': 'Trang chủ' } } });
    expect(i18n.t('bar.home')).toBe('Trang chủ');
    expect(i18n.t('bar.help')).toBe('Help');
  });

  it('reports a key missing everywhere (the component tests fail on it)', () => {
    const missing: string[] = [];
    const i18n = createI18n('ko', { onMissingKey: (language, key) => missing.push(`${language}:${key}`) });
    i18n.t('nowhere.to-be-found');
    expect(missing).toEqual(['en:nowhere.to-be-found']);
  });
});
