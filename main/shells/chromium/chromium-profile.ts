import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kioskPreferences } from './launch-flags';

/** Creates a throw-away Chromium profile folder with the kiosk's preferences; returns its path. */
export async function createKioskProfile(folder: string, downloadsDir: string | null): Promise<string> {
  const profile = join(folder, 'profile');
  await mkdir(join(profile, 'Default'), { recursive: true });
  await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify(kioskPreferences(downloadsDir)));
  return profile;
}

/**
 * The environment of a browser whose every file stays in `folder`: its home,
 * the XDG config, cache, data and state folders (Chromium writes crash
 * reports under $XDG_CONFIG_HOME/chromium, its NSS database under $HOME/.pki,
 * dconf and font caches under $XDG_CACHE_HOME) and its temporary files. The
 * folder is deleted with the visitor, so nothing of the visit can land in
 * the account's real home.
 */
/** 107 (a Unix socket path) less Chromium's own part below $TMPDIR. */
const MAX_TMPDIR_LENGTH = 107 - '/org.chromium.Chromium.XXXXXX/SingletonSocket'.length;

export async function containedEnv(folder: string, base: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  const home = join(folder, 'home');
  const dirs = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    TMPDIR: join(folder, 't'),
  };
  // Chromium makes its singleton socket at $TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket
  // (46 more characters) and aborts at start when the path exceeds a Unix socket's 107.
  if (dirs.TMPDIR.length > MAX_TMPDIR_LENGTH) {
    throw new Error(`the browser's folder ${folder} is too deep: its temporary folder must stay under ${MAX_TMPDIR_LENGTH} characters for Chromium's socket (use a shorter KIOSK_RUN_DIR or TMPDIR)`);
  }
  await Promise.all(Object.values(dirs).map((dir) => mkdir(dir, { recursive: true })));
  return { ...base, ...dirs };
}

/**
 * Proof, from the running processes, that the browser started in `folder`
 * keeps its files there: every process of it has its HOME inside the folder,
 * and its crash handler's database (where dumps go) is inside it too. Throws
 * with the reason.
 */
export function verifyContainedBrowser(folder: string): void {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    throw new Error('cannot look at the browser\'s processes (/proc)');
  }
  let found = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    let environ: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes(folder)) continue;
      environ = readFileSync(`/proc/${entry}/environ`, 'utf8');
    } catch {
      continue; // gone meanwhile, or not ours
    }
    found += 1;
    const database = /--database=([^\0]*)/.exec(cmdline)?.[1];
    if (cmdline.includes('crashpad_handler') && (database === undefined || !database.startsWith(folder))) throw new Error('the browser\'s crash reports would go outside its own folder');
    const home = environ.split('\0').find((line) => line.startsWith('HOME='))?.slice('HOME='.length);
    // Some utility processes (the network service) run with an emptied environment: no home at all.
    if (home !== undefined && !home.startsWith(folder)) throw new Error('a browser process has its home outside its own folder');
  }
  if (found === 0) throw new Error('no process of the browser was found');
}
