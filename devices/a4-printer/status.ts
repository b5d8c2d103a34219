import type { PrinterAttributes } from './ipp-client';

/**
 * The A4 printer's state as the session, the technicians and the heartbeat need it, from IPP printer-state and
 * printer-state-reasons (RFC 8011 §5.4.11–12). A reason keyword may carry `-error`, `-warning` or `-report`; a
 * bare keyword counts as an error by the RFC, except the "low" supplies, which no printer stops for.
 */
export type A4Fault =
  | 'media-empty'
  | 'media-jam'
  | 'cover-open'
  | 'door-open'
  | 'input-tray-missing'
  | 'toner-empty'
  | 'marker-supply-empty'
  | 'offline'
  | 'paused'
  | 'other';

export type A4Warning = 'media-low' | 'toner-low' | 'marker-supply-low' | 'marker-waste-almost-full';

export type A4PrinterState = 'idle' | 'processing' | 'stopped';

export type A4PrinterStatus = {
  readonly state: A4PrinterState;
  /** Faults that stop printing now. */
  readonly faults: readonly A4Fault[];
  readonly warnings: readonly A4Warning[];
  /** Every reason keyword as the printer sent it, for the technician's log. */
  readonly reasons: readonly string[];
  readonly message: string;
  readonly queuedJobs: number;
};

const FAULT_KEYWORDS: Record<string, A4Fault> = {
  'media-empty': 'media-empty',
  'media-needed': 'media-empty',
  'media-jam': 'media-jam',
  'cover-open': 'cover-open',
  'door-open': 'door-open',
  'interlock-open': 'door-open',
  'input-tray-missing': 'input-tray-missing',
  'toner-empty': 'toner-empty',
  'marker-supply-empty': 'marker-supply-empty',
  offline: 'offline',
  'shutdown': 'offline',
  paused: 'paused',
  'moving-to-paused': 'paused',
};

const WARNING_KEYWORDS: Record<string, A4Warning> = {
  'media-low': 'media-low',
  'toner-low': 'toner-low',
  'marker-supply-low': 'marker-supply-low',
  'marker-waste-almost-full': 'marker-waste-almost-full',
};

export function splitReason(reason: string): { keyword: string; severity: 'error' | 'warning' | 'report' | null } {
  const match = /^(.*)-(error|warning|report)$/.exec(reason);
  if (!match) return { keyword: reason, severity: null };
  return { keyword: match[1] ?? reason, severity: match[2] as 'error' | 'warning' | 'report' };
}

export function classifyReasons(reasons: readonly string[]): { faults: A4Fault[]; warnings: A4Warning[] } {
  const faults = new Set<A4Fault>();
  const warnings = new Set<A4Warning>();
  for (const reason of reasons) {
    const { keyword, severity } = splitReason(reason);
    if (keyword === 'none' || severity === 'report') continue;
    const warning = WARNING_KEYWORDS[keyword];
    if (warning) {
      if (severity === 'error') faults.add('other');
      else warnings.add(warning);
      continue;
    }
    // A stopping condition is a fault whatever its suffix: printers (ippeveprinter among them) report an empty
    // tray as `media-empty-warning` when other trays might feed, but a kiosk has one tray of security paper.
    const fault = FAULT_KEYWORDS[keyword];
    if (fault) faults.add(fault);
    else if (severity === 'error' || (severity === null && (keyword === 'other' || keyword === 'spool-area-full'))) faults.add('other');
  }
  return { faults: [...faults], warnings: [...warnings] };
}

export function printerStatusOf(attributes: PrinterAttributes): A4PrinterStatus {
  const { faults, warnings } = classifyReasons(attributes.stateReasons);
  const state: A4PrinterState = attributes.state === 5 ? 'stopped' : attributes.state === 4 ? 'processing' : 'idle';
  // A stopped printer that names no reason is still not printing.
  if (state === 'stopped' && faults.length === 0) faults.push('other');
  return { state, faults, warnings, reasons: attributes.stateReasons, message: attributes.stateMessage, queuedJobs: attributes.queuedJobs };
}

export function unreachableStatus(detail: string): A4PrinterStatus {
  return { state: 'stopped', faults: ['offline'], warnings: [], reasons: ['offline-error'], message: detail, queuedJobs: 0 };
}
