import { formatWon } from '../../../common/money';
import type { Field } from '../form';
import { option, type TemplateContext } from '../template';

/** Layout pieces several families print the same way. */

export function purposeField(context: TemplateContext): Field | null {
  const label = option.choiceLabel(context, 'purpose');
  return label ? ['용도', label] : null;
}

/** Amounts on certificates carry the won sign (₩), which the typeface has (fonts.ts checks it). */
export function won(amount: number): string {
  return formatWon(amount, 'en');
}

export function area(squareMetres: number): string {
  return `${squareMetres.toLocaleString('en-US', { maximumFractionDigits: 2 })}㎡`;
}

export function present<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

/** Splits a row of fields into rows of at most `perRow`, dropping the absent ones. */
export function fieldRows(fields: readonly (Field | null)[], perRow = 2): Field[][] {
  const kept = fields.filter(present);
  const rows: Field[][] = [];
  for (let i = 0; i < kept.length; i += perRow) rows.push(kept.slice(i, i + perRow));
  return rows;
}

export function sexLabel(sex: 'M' | 'F'): string {
  return sex === 'M' ? '남' : '여';
}
