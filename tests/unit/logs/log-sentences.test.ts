import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENTS_WITH_SENTENCES, staffSentence } from '../../../main/core/staff/log-sentences';

const root = resolve(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Every warning and error the kiosk logs, read from the sources: `log.warn('event'`, `log.error('event'`. */
function loggedProblems(): string[] {
  const found = new Set<string>();
  for (const file of sources(join(root, 'main'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\b(?:log|this\.log|options\.log|baseLog|this\.options\.log)\.(?:warn|error)\(\s*'([a-z0-9-]+)'/g)) found.add(match[1] ?? '');
  }
  return [...found].sort();
}

describe('the last errors in plain French', () => {
  it('every warning and error the kiosk logs has its own sentence', () => {
    const problems = loggedProblems();
    expect(problems.length).toBeGreaterThan(15);
    const missing = problems.filter((event) => !EVENTS_WITH_SENTENCES.includes(event));
    expect(missing).toEqual([]);
  });

  it('says what happened and what to do, with the anonymous fields', () => {
    expect(staffSentence('memo-print-failed', { problem: 'paper-end' })).toEqual({ what: "L'imprimante n'a plus de papier.", todo: 'Mettez un rouleau neuf, puis imprimez la page de test.' });
    expect(staffSentence('staff-locked', { minutes: 10 }).what).toContain('bloqué 10 minutes');
    expect(staffSentence('wipe-failed', { failedSteps: 'clear-storage' }).what).toContain('hors service');
    expect(staffSentence('memo-print-failed', { problem: 'something-new' }).todo).toContain('page de test');
  });

  it('an unknown event still gets a sentence, never a stack trace', () => {
    expect(staffSentence('brand-new-event')).toEqual({ what: 'Événement technique « brand-new-event ».', todo: null });
  });
});
