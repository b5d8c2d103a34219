/**
 * Resident numbers are printed as the citizen chose (domain.md): in full, or with the six digits after the sex
 * digit hidden, `900101-1******`, which is how agencies print them by default.
 */
export function maskResidentNumber(residentNumber: string): string {
  const match = /^(\d{6})-(\d)(\d{6})$/.exec(residentNumber);
  if (!match) return residentNumber.replace(/\d/g, '*');
  return `${match[1]}-${match[2]}******`;
}

export function residentNumberPrinter(mask: boolean): (residentNumber: string) => string {
  return mask ? maskResidentNumber : (residentNumber) => residentNumber;
}
