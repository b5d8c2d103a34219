import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { err, ok, type Result } from '../common/result';
import { DEMO_KIOSKS, DEMO_OPERATOR } from './demo';
import { DEFAULT_POPULATION_SEED } from './population/generate';
import type { KioskCredential, OperatorCredential } from './service/kiosks';
import type { CentralOfficeOptions } from './start';

/**
 * The configuration file of `kiosk central` (docs/central-office.md). Relative paths are relative to the file.
 * Secrets may be given inline (demo) or as files (production: readable by the service only).
 */
const secretSource = {
  secret: z.string().min(16).optional(),
  secretFile: z.string().min(1).optional(),
};
const withSecret = (value: { secret?: string | undefined; secretFile?: string | undefined }) => value.secret !== undefined || value.secretFile !== undefined;

const KioskEntry = z
  .object({
    kioskId: z.string().regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, 'upper-case letters, digits and hyphens, 3–32 long'),
    keyId: z.string().min(1),
    name: z.string().min(1),
    district: z.string().min(1).optional(),
    ...secretSource,
  })
  .strict()
  .refine(withSecret, { message: 'either secret or secretFile' });

const OperatorEntry = z
  .object({ keyId: z.string().min(1), name: z.string().min(1), ...secretSource })
  .strict()
  .refine(withSecret, { message: 'either secret or secretFile' });

export const CentralConfig = z
  .object({
    listen: z
      .object({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(8600) })
      .strict()
      .default({ host: '127.0.0.1', port: 8600 }),
    storage: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('sqlite'), file: z.string().min(1) }).strict(),
      z.object({ kind: z.literal('postgres'), url: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL'), poolSize: z.number().int().min(1).max(100).optional() }).strict(),
    ]),
    /** Seed of the synthetic population (demo registry). */
    seed: z.string().min(1).default(DEFAULT_POPULATION_SEED),
    /** Secret mixed into digests of resident numbers (identity attempt limits). */
    pepper: z.string().min(16).optional(),
    pepperFile: z.string().min(1).optional(),
    /** `"demo"`: the four demo kiosks of the district report with their published demo keys. */
    kiosks: z.union([z.literal('demo'), z.array(KioskEntry).min(1)]),
    operators: z.union([z.literal('demo'), z.array(OperatorEntry)]).default([]),
  })
  .strict();
export type CentralConfig = z.infer<typeof CentralConfig>;

export type LoadedCentralConfig = Omit<CentralOfficeOptions, 'clock' | 'logger'> & { readonly file: string };

export function loadCentralConfig(file: string): Result<LoadedCentralConfig, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return err(`cannot read the central office configuration ${file}: ${(error as Error).message}`);
  }
  const parsed = CentralConfig.safeParse(raw);
  if (!parsed.success) {
    return err(
      [`the central office configuration ${file} has problems:`, ...parsed.error.issues.map((issue) => `  - ${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`)].join('\n'),
    );
  }
  const config = parsed.data;
  const base = path.dirname(path.resolve(file));
  const readSecret = (entry: { secret?: string | undefined; secretFile?: string | undefined }, what: string): Result<string, string> => {
    if (entry.secret) return ok(entry.secret);
    try {
      const secret = readFileSync(path.resolve(base, entry.secretFile ?? ''), 'utf8').trim();
      return secret.length >= 16 ? ok(secret) : err(`${what}: the secret in ${entry.secretFile} is shorter than 16 characters`);
    } catch (error) {
      return err(`${what}: cannot read ${entry.secretFile}: ${(error as Error).message}`);
    }
  };
  const kiosks: KioskCredential[] = [];
  for (const entry of config.kiosks === 'demo' ? DEMO_KIOSKS : config.kiosks) {
    const secret = readSecret(entry, `kiosk ${entry.kioskId}`);
    if (!secret.ok) return secret;
    kiosks.push({ kioskId: entry.kioskId, keyId: entry.keyId, name: entry.name, secret: secret.value, ...(entry.district ? { district: entry.district } : {}) });
  }
  const operators: OperatorCredential[] = [];
  for (const entry of config.operators === 'demo' ? [DEMO_OPERATOR] : config.operators) {
    const secret = readSecret(entry, `operator ${entry.keyId}`);
    if (!secret.ok) return secret;
    operators.push({ keyId: entry.keyId, name: entry.name, secret: secret.value });
  }
  let pepper = config.pepper;
  if (!pepper && config.pepperFile) {
    const read = readSecret({ secretFile: config.pepperFile }, 'pepperFile');
    if (!read.ok) return read;
    pepper = read.value;
  }
  const storage = config.storage.kind === 'sqlite' ? { kind: 'sqlite' as const, file: path.resolve(base, config.storage.file) } : config.storage;
  return ok({
    file: path.resolve(file),
    storage,
    host: config.listen.host,
    port: config.listen.port,
    kiosks,
    operators,
    seed: config.seed,
    ...(pepper ? { pepper } : {}),
  });
}
