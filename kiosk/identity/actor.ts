import { fromCallback } from 'xstate';
import { identityMachine, type IdentifyActorInput, type IdentityEvent } from '../../state-machines/identity';
import type { IdentityService } from './service';

/**
 * The `identify` actor of the identity machine, backed by the IdentityService: progress and the outcome come back as
 * events; stopping the actor (citizen cancels, session times out) aborts the capture or the wait for the verdict.
 */
export function identifyActor(service: IdentityService) {
  return fromCallback<IdentityEvent, IdentifyActorInput>(({ input, sendBack }) => {
    const controller = new AbortController();
    void service
      .identify({
        residentNumber: input.residentNumber,
        documentCodes: input.documentCodes,
        signal: controller.signal,
        onProgress: (progress) => {
          if (!controller.signal.aborted) sendBack({ type: 'IDENTIFY.PROGRESS', progress });
        },
      })
      .then(
        (outcome) => {
          if (!controller.signal.aborted) sendBack({ type: 'IDENTIFY.DONE', outcome });
        },
        (error: unknown) => {
          // A programmer error inside the service: the citizen is sent on cleanly, the error is loud in the log.
          console.error('identity: identify failed', error);
          if (!controller.signal.aborted) sendBack({ type: 'IDENTIFY.DONE', outcome: { kind: 'reader-unavailable', fault: 'protocol' } });
        },
      );
    return () => controller.abort();
  });
}

/** The identity machine wired to a real identity service: what the session invokes. */
export function identityMachineFor(service: IdentityService) {
  return identityMachine.provide({ actors: { identify: identifyActor(service) } });
}
