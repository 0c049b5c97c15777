import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { counterStoreSchema, type CounterStore } from '../core/counters/activity-counters';
import type { CounterPersistence } from '../core/counters/activity-recorder';
import { writeFileAtomic } from './atomic-file';

export const COUNTER_FILE = 'counters.json';

/**
 * The counters as one small JSON file in the state folder, replaced atomically
 * (temp + fsync + rename) after each event. Chosen over SQLite: a few kilobytes
 * (90 days × a dozen numbers) need no database, and a native module would have to be
 * built twice, for Node (Chromium shell) and for Electron's own ABI. A damaged file
 * is set aside (counters.json.damaged-…) for whoever looks, and counting starts over.
 */
export class FileCounterStore implements CounterPersistence {
  readonly path: string;

  constructor(stateDirectory: string, private readonly now: () => number = Date.now) {
    this.path = join(stateDirectory, COUNTER_FILE);
  }

  async load(): Promise<CounterStore | 'missing' | 'unreadable'> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
    }
    let parsed: ReturnType<typeof counterStoreSchema.safeParse> | null;
    try {
      parsed = counterStoreSchema.safeParse(JSON.parse(text) as unknown);
    } catch {
      parsed = null;
    }
    if (parsed?.success === true) return parsed.data;
    await rename(this.path, `${this.path}.damaged-${this.now()}`).catch(() => undefined);
    return 'unreadable';
  }

  async save(store: CounterStore): Promise<void> {
    await writeFileAtomic(this.path, `${JSON.stringify(store)}\n`);
  }
}
