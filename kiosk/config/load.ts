import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import { KioskConfig } from './schema';

/**
 * Reading the configuration file. Every problem is reported with the field's dotted path, what was expected and
 * what was found, so that an installer can fix a typo without reading the source (ARCHITECTURE.md, contracts).
 */
export type ConfigProblem = { readonly field: string; readonly expected: string; readonly found: string };

export type ConfigError =
  | { readonly kind: 'unreadable'; readonly file: string; readonly reason: string }
  | { readonly kind: 'not-json'; readonly file: string; readonly reason: string }
  | { readonly kind: 'invalid'; readonly file: string; readonly problems: readonly ConfigProblem[] };

export type LoadedConfig = { readonly config: KioskConfig; readonly file: string; readonly baseDir: string };

export function loadConfigFile(file: string): Result<LoadedConfig, ConfigError> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return err({ kind: 'unreadable', file, reason: (error as Error).message });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return err({ kind: 'not-json', file, reason: describeJsonError(text, error as Error) });
  }
  const parsed = parseConfig(raw);
  if (!parsed.ok) return err({ kind: 'invalid', file, problems: parsed.error });
  const baseDir = path.dirname(path.resolve(file));
  const config = { ...parsed.value, dataDir: path.resolve(baseDir, parsed.value.dataDir) };
  return ok({ config, file: path.resolve(file), baseDir });
}

export function parseConfig(raw: unknown): Result<KioskConfig, ConfigProblem[]> {
  const result = KioskConfig.safeParse(raw);
  if (result.success) return ok(result.data);
  return err(result.error.issues.map((issue) => describeIssue(issue, raw)));
}

export function formatConfigError(error: ConfigError): string {
  switch (error.kind) {
    case 'unreadable':
      return `Cannot read the configuration file ${error.file}: ${error.reason}`;
    case 'not-json':
      return `The configuration file ${error.file} is not valid JSON: ${error.reason}`;
    case 'invalid':
      return [
        `The configuration file ${error.file} has ${error.problems.length} problem(s):`,
        ...error.problems.map((problem) => `  - ${problem.field}: expected ${problem.expected}, found ${problem.found}`),
      ].join('\n');
  }
}

function valueAt(root: unknown, keys: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): ConfigProblem {
  const keys = issue.path;
  const field = keys.length > 0 ? keys.map(String).join('.') : '(top level)';
  const found = show(valueAt(raw, keys));
  switch (issue.code) {
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options) return { field, expected: `one of ${options.map((o) => JSON.stringify(o)).join(' | ')}`, found };
      return { field, expected: 'one of the accepted forms', found };
    }
    case 'invalid_value':
      return { field, expected: `one of ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}`, found };
    case 'invalid_type':
      return { field, expected: `a value of type ${issue.expected}`, found };
    case 'unrecognized_keys': {
      const known = knownKeysAt(keys);
      return {
        field: issue.keys.map((key) => (keys.length > 0 ? `${field}.${key}` : key)).join(', '),
        expected: known.length > 0 ? `no such key${suggestion(issue.keys, known)}` : 'no such key',
        found: issue.keys.map((key) => show(valueAt(raw, [...keys, key]))).join(', '),
      };
    }
    default:
      return { field, expected: issue.message.replace(/^Invalid input: /, ''), found };
  }
}

function knownKeysAt(keys: readonly PropertyKey[]): string[] {
  // Walk the schema's shape along the path; unions and defaults are unwrapped where they can be.
  let schema: unknown = KioskConfig;
  for (const key of keys) {
    schema = unwrap(schema);
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    if (!shape) return [];
    schema = shape[String(key)];
  }
  const shape = (unwrap(schema) as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { innerType?: unknown; in?: unknown; schema?: unknown } } | undefined;
  for (let i = 0; i < 5 && current?.def; i++) {
    const inner = current.def.innerType ?? current.def.in ?? current.def.schema;
    if (!inner) break;
    current = inner as typeof current;
  }
  return current;
}

function suggestion(unknownKeys: readonly string[], known: readonly string[]): string {
  const hints = unknownKeys
    .map((key) => {
      const best = known
        .map((candidate) => ({ candidate, distance: editDistance(key.toLowerCase(), candidate.toLowerCase()) }))
        .sort((a, b) => a.distance - b.distance)[0];
      return best && best.distance <= 3 ? `"${key}" → did you mean "${best.candidate}"?` : undefined;
    })
    .filter((hint): hint is string => hint !== undefined);
  return hints.length > 0 ? ` (${hints.join('; ')})` : ` (known keys: ${known.join(', ')})`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length]!;
}

function describeJsonError(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message);
  if (!position) return error.message;
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${error.message} (line ${line}, column ${column})`;
}
