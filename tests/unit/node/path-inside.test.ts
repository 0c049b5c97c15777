import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInside, realPathInside } from '../../../main/node/path-inside';

/** The one path check of the UI's file handler and the visitor's files (main/node/path-inside.ts). */
describe('isInside', () => {
  it('accepts what is strictly inside the folder, at any depth', () => {
    expect(isInside('/srv/ui', '/srv/ui/index.html')).toBe(true);
    expect(isInside('/srv/ui', '/srv/ui/assets/app.js')).toBe(true);
    // A name that merely starts with two dots is a file inside, not a step out.
    expect(isInside('/srv/ui', '/srv/ui/..notes')).toBe(true);
    expect(isInside('/srv/ui', '/srv/ui/a/../b.txt')).toBe(true);
  });

  it('refuses the folder itself, its parent, a sibling and anything a .. step leads to', () => {
    expect(isInside('/srv/ui', '/srv/ui')).toBe(false);
    expect(isInside('/srv/ui', '/srv/ui/')).toBe(false);
    expect(isInside('/srv/ui', '/srv')).toBe(false);
    expect(isInside('/srv/ui', '/srv/ui-other/index.html')).toBe(false);
    expect(isInside('/srv/ui', '/srv/ui/../secret.txt')).toBe(false);
    expect(isInside('/srv/ui', '/etc/passwd')).toBe(false);
  });
});

describe('realPathInside', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'borne-path-inside-'));
    mkdirSync(join(work, 'dir'));
    writeFileSync(join(work, 'dir', 'inside.pdf'), 'in');
    writeFileSync(join(work, 'outside.pdf'), 'out');
    symlinkSync(join(work, 'outside.pdf'), join(work, 'dir', 'leak.pdf'));
    symlinkSync(join(work, 'dir', 'inside.pdf'), join(work, 'dir', 'alias.pdf'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('gives the real path of a file inside, a link that stays inside included', async () => {
    await expect(realPathInside(join(work, 'dir'), join(work, 'dir', 'inside.pdf'))).resolves.toMatch(/dir[/\\]inside\.pdf$/);
    await expect(realPathInside(join(work, 'dir'), join(work, 'dir', 'alias.pdf'))).resolves.toMatch(/dir[/\\]inside\.pdf$/);
  });

  it('gives null for a link that leads out, and rejects for a missing file', async () => {
    await expect(realPathInside(join(work, 'dir'), join(work, 'dir', 'leak.pdf'))).resolves.toBeNull();
    await expect(realPathInside(join(work, 'dir'), join(work, 'dir', 'missing.pdf'))).rejects.toThrow();
  });
});
