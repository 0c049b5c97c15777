import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';

export const METRICS_FILE = 'borne.prom';

/**
 * The .prom file for the node exporter's textfile collector, replaced atomically so a
 * scrape never reads half of it (the temporary file's name does not end in .prom, so
 * the collector ignores it). Writes are coalesced: while one is under way, only the
 * latest text is kept for the next.
 */
export class MetricsFile {
  readonly path: string;
  private writing: Promise<void> | null = null;
  private pending: string | null = null;

  constructor(directory: string, private readonly failed: (error: unknown) => void) {
    this.path = join(directory, METRICS_FILE);
  }

  write(text: string): void {
    this.pending = text;
    if (this.writing === null) this.writing = this.drain();
  }

  /** Resolves once the latest text is on disk. */
  async settled(): Promise<void> {
    while (this.writing !== null) await this.writing;
  }

  private async drain(): Promise<void> {
    while (this.pending !== null) {
      const text = this.pending;
      this.pending = null;
      try {
        await writeFileAtomic(this.path, text);
      } catch (error) {
        this.failed(error);
      }
    }
    this.writing = null;
  }
}
