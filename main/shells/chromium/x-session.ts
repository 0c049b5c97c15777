import { execFile } from 'node:child_process';

/**
 * What the X session keeps between two visitors unless the kiosk resets it:
 * the PRIMARY selection (text selected anywhere, pasted with a middle click),
 * the CLIPBOARD (text copied), which the kiosk UI's browser — never restarted
 * — would own for the whole day, and the keyboard's lock keys. Small Debian
 * tools do the X requests (xsel, xset, xdotool): one call each, and no npm
 * library covers selections and XKB indicators.
 */
export interface LockKeys {
  capsLock: boolean;
  numLock: boolean;
}

const TOOL_TIMEOUT_MS = 3_000;
const SELECTIONS = ['primary', 'clipboard'] as const;
export type XSelection = (typeof SELECTIONS)[number];

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, timeout: TOOL_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout) => {
      if (error === null) {
        resolve(stdout);
        return;
      }
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(new Error(missing ? `${command} is not installed (apt-get install ${PACKAGE_OF[command] ?? command})` : `${command} ${args.join(' ')} failed: ${error.message.split('\n')[0] ?? ''}`));
    });
  });
}

const PACKAGE_OF: Record<string, string> = { xsel: 'xsel', xset: 'x11-xserver-utils', xdotool: 'xdotool' };

/**
 * Empties both selections: their owner becomes "nobody" (X SetSelectionOwner
 * None), so the UI's browser, which owned what a visitor selected or copied in
 * the kiosk UI, holds nothing any more.
 */
export async function clearSelections(env: NodeJS.ProcessEnv): Promise<void> {
  for (const selection of SELECTIONS) await run('xsel', ['--clear', `--${selection}`], env);
}

/** What a paste would give now ('' when nobody owns the selection). */
export async function readSelection(selection: XSelection, env: NodeJS.ProcessEnv): Promise<string> {
  return run('xsel', ['--output', `--${selection}`, '--selectionTimeout', '1000'], env);
}

/** Proof that both selections are empty; throws naming the one that is not. */
export async function verifySelectionsEmpty(env: NodeJS.ProcessEnv): Promise<void> {
  for (const selection of SELECTIONS) {
    const text = await readSelection(selection, env);
    if (text !== '') throw new Error(`the X ${selection.toUpperCase()} selection still holds ${text.length} character(s)`);
  }
}

/** The keyboard's lock states, from the XKB indicators. */
export async function readLockKeys(env: NodeJS.ProcessEnv): Promise<LockKeys> {
  const report = await run('xset', ['q'], env);
  const state = (name: string): boolean => {
    const match = new RegExp(`${name}:\\s+(on|off)`).exec(report);
    if (match === null) throw new Error(`xset q does not show ${name}`);
    return match[1] === 'on';
  };
  return { capsLock: state('Caps Lock'), numLock: state('Num Lock') };
}

/** Brings the lock keys to `wanted` by pressing the ones that differ (XTEST). */
export async function resetLockKeys(wanted: LockKeys, env: NodeJS.ProcessEnv): Promise<void> {
  const now = await readLockKeys(env);
  const keys = [...(now.capsLock !== wanted.capsLock ? ['Caps_Lock'] : []), ...(now.numLock !== wanted.numLock ? ['Num_Lock'] : [])];
  if (keys.length > 0) await run('xdotool', ['key', ...keys], env);
}

/** Proof that the lock keys are as wanted; throws naming the one that is not. */
export async function verifyLockKeys(wanted: LockKeys, env: NodeJS.ProcessEnv): Promise<void> {
  const now = await readLockKeys(env);
  if (now.capsLock !== wanted.capsLock) throw new Error(`Caps Lock is ${now.capsLock ? 'on' : 'off'} after the wipe`);
  if (now.numLock !== wanted.numLock) throw new Error(`Num Lock is ${now.numLock ? 'on' : 'off'} after the wipe`);
}
