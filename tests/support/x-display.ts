import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A virtual X display (Xvfb) for the suites that need real windows and real
 * key presses: xdotool sends keys through the X server (XTEST), as a keyboard
 * would, so browser shortcuts are exercised where the browser handles them,
 * not only inside the page.
 */
export interface VirtualDisplay {
  name: string;
  width: number;
  height: number;
  /** Runs xdotool on this display; returns its output. */
  xdotool(...args: string[]): string;
  /** Windows mapped and at least partly on the screen (a new dialog or window raises the count; windows parked off screen do not count). */
  visibleWindows(): string[];
  /**
   * The visible windows once none has appeared or gone for a second (15 s at the most): a
   * browser starting in the background must not be taken for something a test made appear.
   */
  settledWindows(): Promise<string[]>;
  /** Windows mapped but wholly off the screen: a browser kept in the background. */
  offScreenWindows(): string[];
  /** The window that has the keyboard (xdotool getwindowfocus). */
  focusedWindow(): string;
  /** The text on an X selection ('clipboard' or 'primary'), or '' when nobody owns it. */
  selection(which: 'clipboard' | 'primary'): string;
  close(): void;
}

export function missingXTools(): string | null {
  const missing = ['Xvfb', 'xdotool', 'xclip'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  return missing.length === 0 ? null : `${missing.join(', ')} not installed (apt-get install xvfb xdotool xclip)`;
}

export async function startVirtualDisplay(width = 1280, height = 800): Promise<VirtualDisplay> {
  const number = freeDisplayNumber();
  const name = `:${number}`;
  const server: ChildProcess = spawn('Xvfb', [name, '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'], { stdio: 'ignore' });
  const socket = `/tmp/.X11-unix/X${number}`;
  const deadline = Date.now() + 10_000;
  while (!existsSync(socket)) {
    if (Date.now() > deadline) throw new Error(`Xvfb did not start on ${name}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const run = (command: string, args: string[]): string => {
    const result = spawnSync(command, args, { env: { ...process.env, DISPLAY: name }, encoding: 'utf8', timeout: 10_000 });
    return (result.stdout ?? '').trim();
  };
  // `--onlyvisible` is xdotool's "mapped"; whether a window is on the screen is told by its place.
  const mappedWindows = (): string[] =>
    run('xdotool', ['search', '--onlyvisible', '--name', '.*'])
      .split('\n')
      .filter((id) => id !== '');
  const isOnScreen = (id: string): boolean => {
    const geometry = run('xdotool', ['getwindowgeometry', '--shell', id]);
    const value = (key: string) => Number(new RegExp(`^${key}=(-?\\d+)`, 'm').exec(geometry)?.[1] ?? Number.NaN);
    const [x, y, w, h] = [value('X'), value('Y'), value('WIDTH'), value('HEIGHT')];
    return x < width && y < height && x + w > 0 && y + h > 0 && w > 1 && h > 1;
  };
  const visibleWindows = (): string[] => mappedWindows().filter(isOnScreen);
  return {
    name,
    width,
    height,
    xdotool: (...args) => run('xdotool', args),
    visibleWindows,
    settledWindows: async () => {
      let last = visibleWindows().join(',');
      for (let stable = 0, round = 0; stable < 4 && round < 60; round += 1) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const now = visibleWindows().join(',');
        stable = now === last ? stable + 1 : 0;
        last = now;
      }
      return visibleWindows();
    },
    offScreenWindows: () => mappedWindows().filter((id) => !isOnScreen(id)),
    focusedWindow: () => run('xdotool', ['getwindowfocus']),
    selection: (which) => run('xclip', ['-o', '-selection', which]),
    close: () => {
      server.kill();
    },
  };
}

function freeDisplayNumber(): number {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const number = 100 + Math.floor(Math.random() * 400);
    if (!existsSync(`/tmp/.X${number}-lock`) && !existsSync(`/tmp/.X11-unix/X${number}`)) return number;
  }
  throw new Error('no free X display number');
}
