import { fromCallback, fromPromise, type EventObject } from 'xstate';
import type { A4JobSnapshot, A4Printer, A4PrintJob } from '../devices/a4-printer/driver';
import type { A4PrinterStatus } from '../devices/a4-printer/status';
import { printJobMachine, type CopyEvent } from './print-job';

/**
 * The print-job machine wired to a real A4 printer (IPP driver, or the same driver on the simulated printer):
 * `checkPrinter` reads the printer's status (an unreachable printer counts as an `offline` fault, which the policy
 * waits for), `printCopy` submits one copy as one job and turns the job's snapshots into CopyEvents. Stopping a
 * copy actor before its job ended cancels the job.
 */
export type CertificateToPrint = {
  readonly pdf: Uint8Array;
  readonly pages: number;
  /** Shown in the printer queue: the issuance number, never personal data. */
  readonly jobName: string;
};

function copyEventOf(snapshot: A4JobSnapshot): CopyEvent {
  if (snapshot.state === 'completed') return { type: 'COPY.COMPLETED', pagesPrinted: snapshot.pagesPrinted };
  if (snapshot.state === 'aborted' || snapshot.state === 'canceled') {
    return { type: 'COPY.FAILED', pagesPrinted: snapshot.pagesPrinted, reason: snapshot.state, detail: snapshot.message };
  }
  return { type: 'COPY.PROGRESS', pagesPrinted: snapshot.pagesPrinted, faults: snapshot.printer.faults };
}

export function a4PrintJobActors(printer: A4Printer, certificate: CertificateToPrint) {
  return {
    checkPrinter: fromPromise<A4PrinterStatus, void>(async () => {
      const status = await printer.status();
      if (status.ok) return status.value;
      return { state: 'stopped', faults: ['offline'], warnings: [], reasons: ['offline-error'], message: status.error.detail, queuedJobs: 0 };
    }),
    printCopy: fromCallback<EventObject, { copy: number }>(({ input, sendBack }) => {
      let job: A4PrintJob | undefined;
      let ended = false;
      let stopped = false;
      void printer.submit(certificate.pdf, { copies: 1, pages: certificate.pages, jobName: `${certificate.jobName}-${input.copy + 1}` }).then((submitted) => {
        if (!submitted.ok) {
          if (!stopped) sendBack({ type: 'COPY.FAILED', pagesPrinted: 0, reason: 'submit-failed', detail: submitted.error.detail } satisfies CopyEvent);
          return;
        }
        job = submitted.value;
        if (stopped) {
          void job.cancel();
          return;
        }
        let last = '';
        const report = (snapshot: A4JobSnapshot) => {
          if (stopped || ended) return;
          const event = copyEventOf(snapshot);
          ended = event.type !== 'COPY.PROGRESS';
          const key = JSON.stringify(event);
          if (key === last) return;
          last = key;
          sendBack(event);
        };
        job.subscribe(report);
        report(job.snapshot());
      });
      return () => {
        stopped = true;
        if (job && !ended) void job.cancel();
      };
    }),
  };
}

/** The machine ready to run against this printer for this certificate. */
export function printJobMachineFor(printer: A4Printer, certificate: CertificateToPrint) {
  return printJobMachine.provide({ actors: a4PrintJobActors(printer, certificate) });
}
