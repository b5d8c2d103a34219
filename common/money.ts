/** Amounts of money are whole won, never fractions; every ledger sum is an exact integer. */
export type Won = number;

export function assertWon(amount: number): Won {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`not a whole, non-negative won amount: ${amount}`);
  return amount;
}

/** `1,000원` — what the citizen reads; the ₩ sign is avoided on ESC/POS where EUC-KR has no code for it. */
export function formatWon(amount: Won, language: 'ko' | 'en' = 'ko'): string {
  const digits = amount.toLocaleString('en-US');
  return language === 'ko' ? `${digits}원` : `₩${digits}`;
}
