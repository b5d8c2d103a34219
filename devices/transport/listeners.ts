import type { TransportEvent } from './transport';

/** The subscriber list every transport keeps; a throwing listener must not stop the others. */
export class TransportListeners {
  private readonly listeners = new Set<(event: TransportEvent) => void>();

  add(listener: (event: TransportEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: TransportEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A driver bug must not take down the port; it surfaces in the driver's own tests.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
