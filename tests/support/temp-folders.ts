import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * Fresh folders under the system's temporary directory for the tests of one file,
 * removed after each test. Returns the function that makes one (named `prefix…`).
 */
export function tempFoldersPerTest(prefix: string): () => string {
  const folders: string[] = [];
  afterEach(() => {
    for (const path of folders.splice(0)) rmSync(path, { recursive: true, force: true });
  });
  return () => {
    const path = mkdtempSync(join(tmpdir(), prefix));
    folders.push(path);
    return path;
  };
}
