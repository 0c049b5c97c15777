import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../main/node/paths';

/**
 * The distribution's Chromium with the station's policy file in force, confined
 * to the processes it starts: a private mount namespace in which a temporary copy
 * of /etc/chromium, holding build/linux/chromium-policies/*.json under
 * policies/managed/, is mounted over /etc/chromium. Nothing machine-wide is
 * written (other suites on this machine see the real /etc/chromium), and the
 * mount ends with the browser's processes.
 */
export interface ConfinedChromium {
  /** A wrapper to give as the kiosk's executablePath. */
  executablePath: string;
  /** The copy of /etc/chromium the browsers see. */
  etcDir: string;
}

/** Why the policies cannot be confined here (null: they can). */
export function confinementUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not root: a private mount namespace needs root (unshare --mount)';
  if (!existsSync('/etc/chromium')) return '/etc/chromium does not exist (is the chromium package installed?)';
  const probe = spawnSync('unshare', ['--mount', '--propagation', 'private', 'true']);
  if (probe.status !== 0) return `unshare --mount fails here (${String(probe.stderr ?? '').trim() || `status ${probe.status}`})`;
  return null;
}

export function confinedChromium(chromium: string, policies: Record<string, unknown>[] | 'station' = 'station'): ConfinedChromium {
  const root = mkdtempSync(join(tmpdir(), 'borne-etc-chromium-'));
  const etcDir = join(root, 'etc-chromium');
  cpSync('/etc/chromium', etcDir, { recursive: true });
  const managed = join(etcDir, 'policies', 'managed');
  mkdirSync(managed, { recursive: true });
  if (policies === 'station') {
    cpSync(join(projectRoot(), 'build', 'linux', 'chromium-policies'), managed, { recursive: true });
  } else {
    policies.forEach((policy, index) => writeFileSync(join(managed, `test-${index}.json`), JSON.stringify(policy)));
  }
  const executablePath = join(root, 'chromium-confined');
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  writeFileSync(
    executablePath,
    [
      '#!/bin/sh',
      '# Test-only: Chromium with the station policies, in a private mount namespace (see tests/support/confined-chromium.ts).',
      `exec unshare --mount --propagation private sh -c 'mount --bind "$0" /etc/chromium && exec "$@"' ${quote(etcDir)} ${quote(chromium)} "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(executablePath, 0o755);
  return { executablePath, etcDir };
}
