import type { Clock } from '../clock';
import type { KioskLog } from '../log';
import { closeVisitLeftOpen, countEvent, dayOf, DEFAULT_COUNTER_DAYS, emptyStore, lastDays, type CounterEvent, type CounterStore, type DayReport } from './activity-counters';

/** Where the counters survive a restart (main/node/counter-store.ts: a JSON file replaced atomically). */
export interface CounterPersistence {
  load(): Promise<CounterStore | 'missing' | 'unreadable'>;
  save(store: CounterStore): Promise<void>;
}

/**
 * Counts events into the store and saves it after each one, one save at a time
 * (each write replaces the whole small file, the last one wins).
 */
export class ActivityRecorder {
  private store: CounterStore = emptyStore();
  private queue: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(store: CounterStore) => void>();

  constructor(
    private readonly persistence: CounterPersistence,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly log: KioskLog,
    private readonly keepDays = DEFAULT_COUNTER_DAYS,
  ) {}

  /** Reads the saved counters; a visit left open by a crash is counted as ended by a crash. */
  async start(): Promise<void> {
    const loaded = await this.persistence.load().catch((): 'unreadable' => 'unreadable');
    if (loaded === 'unreadable') this.log.error('counters-unreadable');
    const { store, closed } = closeVisitLeftOpen(loaded === 'missing' || loaded === 'unreadable' ? emptyStore() : loaded, dayOf(this.clock.now()), this.keepDays);
    this.store = store;
    if (closed) this.log.warn('counters-visit-left-open');
    await this.save();
  }

  record(event: CounterEvent): void {
    this.store = countEvent(this.store, event, dayOf(this.clock.now()), this.keepDays);
    void this.save();
  }

  snapshot(): CounterStore {
    return this.store;
  }

  /** The last `days` days, oldest first (the staff table, the chart, the CSV). */
  lastDays(days = 30): DayReport[] {
    return lastDays(this.store, dayOf(this.clock.now()), days);
  }

  onChange(listener: (store: CounterStore) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once every event counted so far is on disk. */
  async settled(): Promise<void> {
    await this.queue;
  }

  private save(): Promise<void> {
    const store = this.store;
    for (const listener of this.listeners) {
      try {
        listener(store);
      } catch {
        /* a listener (the metrics file) never stops the counting */
      }
    }
    this.queue = this.queue.then(() =>
      this.persistence.save(store).catch((error: unknown) => {
        this.log.error('counters-not-saved', { error: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error) });
      }),
    );
    return this.queue;
  }
}
