import { DOCUMENTS } from './documents';
import type { CatalogDocument, DocumentCode, DocumentOption, OptionValue, OptionValues } from './types';
import { err, ok, type Result } from '../common/result';

export * from './types';
export * from './fees';
export * from './availability';
export { DOCUMENTS } from './documents';

const byCode = new Map<string, CatalogDocument>(DOCUMENTS.map((document) => [document.code, document]));

export function isDocumentCode(code: string): code is DocumentCode {
  return byCode.has(code);
}

export function findDocument(code: string): CatalogDocument | undefined {
  return byCode.get(code);
}

/** For codes that are already known to be valid (they came through `isDocumentCode` or the type system). */
export function documentOf(code: DocumentCode): CatalogDocument {
  const document = byCode.get(code);
  if (!document) throw new Error(`unknown document code ${code}`);
  return document;
}

export function defaultOptions(document: CatalogDocument): OptionValues {
  return Object.fromEntries(document.options.map((option) => [option.key, option.default]));
}

export type OptionProblem = { readonly key: string; readonly problem: 'unknown' | 'wrong-type' | 'out-of-range' | 'invalid' };

function checkOption(option: DocumentOption, value: OptionValue): OptionProblem['problem'] | null {
  switch (option.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'wrong-type';
    case 'choice':
      if (typeof value !== 'string') return 'wrong-type';
      return option.choices.some((choice) => choice.value === value) ? null : 'invalid';
    case 'text':
      if (typeof value !== 'string') return 'wrong-type';
      if (value.length > option.maxLength) return 'out-of-range';
      return new RegExp(option.pattern, 'u').test(value) ? null : 'invalid';
    case 'number':
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'wrong-type';
      return value < option.min || value > option.max ? 'out-of-range' : null;
  }
}

/** The citizen's choices merged over the defaults, each checked against its option's type. */
export function resolveOptions(document: CatalogDocument, chosen: OptionValues): Result<OptionValues, OptionProblem[]> {
  const problems: OptionProblem[] = [];
  for (const key of Object.keys(chosen)) {
    if (!document.options.some((option) => option.key === key)) problems.push({ key, problem: 'unknown' });
  }
  const resolved: Record<string, OptionValue> = {};
  for (const option of document.options) {
    const value = chosen[option.key] ?? option.default;
    const problem = checkOption(option, value);
    if (problem) problems.push({ key: option.key, problem });
    resolved[option.key] = value;
  }
  return problems.length > 0 ? err(problems) : ok(resolved);
}
