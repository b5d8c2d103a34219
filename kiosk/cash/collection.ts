import type { Won } from '../../common/money';
import type { Collection, CollectionEvent, CollectionSnapshot, CollectionState } from './types';

/** What a collection needs from the money service that runs it. */
export type CollectionHost = {
  receivedBy(sessionId: string): Won;
  stopCollection(sessionId: string): Promise<void>;
};

/** One session's collection as the session sees it: a snapshot, events, and a way to stop taking notes. */
export class ActiveCollection implements Collection {
  state: CollectionState = 'collecting';
  enabled: readonly Won[] = [];
  readonly notes: Won[] = [];
  private readonly listeners = new Set<(event: CollectionEvent) => void>();

  constructor(
    readonly sessionId: string,
    readonly amountDue: Won,
    private readonly host: CollectionHost,
  ) {}

  snapshot(): CollectionSnapshot {
    const received = this.host.receivedBy(this.sessionId);
    return {
      sessionId: this.sessionId,
      amountDue: this.amountDue,
      received,
      remaining: Math.max(0, this.amountDue - received),
      notes: [...this.notes],
      enabledNotes: this.enabled,
      state: this.state,
    };
  }

  subscribe(listener: (event: CollectionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): Promise<void> {
    return this.host.stopCollection(this.sessionId);
  }

  /** A note was announced to the session (reading, escrow) and its end (stacked, returned, rejected) not yet. */
  noteInHand = false;

  emit(event: CollectionEvent): void {
    switch (event.type) {
      case 'note-reading':
      case 'note-escrowed':
      case 'note-stacking':
      case 'note-returning':
        this.noteInHand = true;
        break;
      case 'note-stacked':
      case 'note-returned':
      case 'note-rejected':
      case 'fault':
        this.noteInHand = false;
        break;
      default:
        break;
    }
    for (const listener of [...this.listeners]) listener(event);
  }
}
