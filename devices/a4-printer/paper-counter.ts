/**
 * Sheets of security paper (pre-printed stock, domain.md): counted so that stock and issuances reconcile and the
 * technician is called before the tray runs dry. The count lives in memory; the composition root persists it
 * through `subscribe` and restores it with `restore` (the store is another part's).
 */
export const LOW_PAPER_SHEETS = 50;

export type PaperCount = {
  /** Sheets printed since the counter was created (or restored). */
  readonly used: number;
  /** Sheets left in the tray, when the technician said how many were loaded; null when unknown. */
  readonly remaining: number | null;
  readonly low: boolean;
};

export class SheetCounter {
  private usedSheets: number;
  private remainingSheets: number | null;
  private readonly listeners = new Set<(count: PaperCount) => void>();

  constructor(initial: { used?: number; remaining?: number | null } = {}) {
    this.usedSheets = initial.used ?? 0;
    this.remainingSheets = initial.remaining ?? null;
  }

  get count(): PaperCount {
    return {
      used: this.usedSheets,
      remaining: this.remainingSheets,
      low: this.remainingSheets !== null && this.remainingSheets <= LOW_PAPER_SHEETS,
    };
  }

  /** Sheets that came out of the printer. */
  record(sheets: number): void {
    if (!Number.isInteger(sheets) || sheets < 0) throw new Error(`sheets must be a whole number ≥ 0: ${sheets}`);
    if (sheets === 0) return;
    this.usedSheets += sheets;
    if (this.remainingSheets !== null) this.remainingSheets = Math.max(0, this.remainingSheets - sheets);
    this.emit();
  }

  /** The technician filled the tray: this many sheets are in it now. */
  refill(sheetsInTray: number): void {
    if (!Number.isInteger(sheetsInTray) || sheetsInTray < 0) throw new Error(`sheets must be a whole number ≥ 0: ${sheetsInTray}`);
    this.remainingSheets = sheetsInTray;
    this.emit();
  }

  restore(count: { used: number; remaining: number | null }): void {
    this.usedSheets = count.used;
    this.remainingSheets = count.remaining;
  }

  subscribe(listener: (count: PaperCount) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const count = this.count;
    for (const listener of [...this.listeners]) listener(count);
  }
}
