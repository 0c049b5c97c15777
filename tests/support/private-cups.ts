import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A private CUPS for one test file: the distribution's `cupsd`, with its own
 * configuration, spool, logs and a cups-pdf virtual printer writing into a
 * temporary folder, listening only on a socket in that folder. Nothing of the
 * system's CUPS is used or touched: cups-pdf reads its configuration from the
 * fixed path /etc/cups, so cupsd runs in a private mount namespace (`unshare -m`)
 * where the temporary folder is bind-mounted over /etc/cups; the real /etc/cups
 * is never written. `close()` stops cupsd (the namespace goes with it) and
 * deletes the folder.
 */
export interface PrivateCups {
  readonly folder: string;
  /** The socket, as CUPS_SERVER / `-h` take it. */
  readonly socketPath: string;
  /** Where cups-pdf writes the PDFs it "prints" for a local user (root). */
  readonly outputFolder: string;
  /** Where cups-pdf writes them for a requesting user that is not a local account (the kiosk's visits). */
  readonly anonymousOutputFolder: string;
  /** CUPS's spool (job control and data files: c00001, d00001-001). */
  readonly spoolFolder: string;
  /** Environment for the CUPS client commands (lp, lpstat, cancel, lpadmin). */
  readonly clientEnv: NodeJS.ProcessEnv;
  addCupsPdfQueue(name: string): Promise<void>;
  /**
   * A queue on a pretend A4 printer whose paper and connection the test sets
   * (see TestPrinter); only with `startPrivateCups({ testPrinters: true })`.
   */
  addTestPrinterQueue(name: string, state?: TestPrinterState): Promise<TestPrinter>;
  run(command: string, args: readonly string[]): Promise<string>;
  close(): Promise<void>;
}

/**
 * What the pretend printer does with the next job (and the one it is on):
 * - `loaded`: prints it (the document lands in its folder);
 * - `empty`: says "media-empty-error" and waits for paper, as CUPS's ipp backend
 *   does for a network printer out of paper; back to `loaded`, it prints;
 * - `empty-stops`: says "media-empty-error" and stops the queue (backend exit
 *   code 4, CUPS_BACKEND_STOP), as a USB printer's backend may: the job waits,
 *   the queue stays stopped until `cupsenable`;
 * - `unreachable`: "connecting-to-device" and "offline-report" until it answers.
 */
export type TestPrinterState = 'loaded' | 'empty' | 'empty-stops' | 'unreachable';

export interface TestPrinter {
  readonly queue: string;
  set(state: TestPrinterState): Promise<void>;
  /** The documents it printed, as they arrived (one file a job), oldest first. */
  printed(): Promise<string[]>;
}

/** The CUPS backend of the pretend printer (device URI `borne-test:/<queue>`). */
const TEST_BACKEND = 'borne-test';

const CUPS_PDF_PPD = '/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd';
const CUPS_PDF_BACKEND = '/usr/lib/cups/backend/cups-pdf';
const SYSTEM_SERVER_BIN = '/usr/lib/cups';

/** Why a private CUPS cannot run here, or null. */
export function privateCupsUnavailable(): string | null {
  if (process.platform !== 'linux') return 'a private cupsd needs Linux';
  if (process.getuid?.() !== 0) return 'a private cupsd with cups-pdf needs root (the cups-pdf backend runs as root)';
  for (const tool of ['cupsd', 'lpadmin', 'lp', 'lpstat', 'cancel', 'cupsdisable', 'cupsenable', 'unshare', 'pdftotext']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not installed (Debian packages: cups cups-client printer-driver-cups-pdf poppler-utils util-linux)`;
  }
  if (!existsSync(CUPS_PDF_BACKEND) || !existsSync(CUPS_PDF_PPD)) return 'cups-pdf is not installed (Debian package printer-driver-cups-pdf)';
  if (!existsSync('/etc/cups')) return '/etc/cups does not exist (the mount point for the private configuration)';
  const namespace = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs none /mnt']);
  if (namespace.status !== 0) return `no private mount namespace here (unshare -m: ${namespace.stderr.toString().trim()})`;
  return null;
}

/**
 * `stockPolicy`: the distribution's own access rules (the `<Location />` and
 * `<Policy default>` blocks of the installed /etc/cups/cupsd.conf, read, not
 * changed), so a test sees what an ordinary station's CUPS allows. Otherwise
 * an open policy (the socket is reachable by root only anyway).
 */
export async function startPrivateCups(options: { stockPolicy?: boolean; testPrinters?: boolean } = {}): Promise<PrivateCups> {
  const folder = await mkdtemp(join(tmpdir(), 'private-cups-'));
  // CUPS runs filters as "lp", and cups-pdf writes anonymous users' jobs as "nobody": they must reach inside.
  await chmod(folder, 0o755);
  const etc = join(folder, 'etc');
  const spoolFolder = join(folder, 'spool');
  const outputFolder = join(folder, 'out');
  const socketPath = join(folder, 'cups.sock');
  for (const dir of [etc, join(etc, 'ppd'), join(etc, 'ssl'), spoolFolder, join(spoolFolder, 'tmp'), join(folder, 'cache'), join(folder, 'state'), join(folder, 'log'), outputFolder, join(folder, 'anon'), join(folder, 'cups-pdf-spool')]) {
    await mkdir(dir, { recursive: true });
  }
  for (const open of [join(spoolFolder, 'tmp'), outputFolder, join(folder, 'anon'), join(folder, 'cups-pdf-spool')]) await chmod(open, 0o1777);
  await writeFile(
    join(etc, 'cupsd.conf'),
    [
      `Listen ${socketPath}`,
      'LogLevel info',
      'WebInterface No',
      'Browsing No',
      'BrowseLocalProtocols none',
      ...(options.stockPolicy === true
        ? await stockPolicyLines()
        : [
            'DefaultAuthType None',
            // Only this socket listens, in a folder only root can reach: no authentication needed.
            '<Location />',
            '  Order allow,deny',
            '  Allow all',
            '</Location>',
            '<Policy default>',
            '  JobPrivateAccess all',
            '  JobPrivateValues none',
            '  <Limit All>',
            '    Order allow,deny',
            '    Allow all',
            '  </Limit>',
            '</Policy>',
          ]),
      '',
    ].join('\n'),
  );
  const testPrinters = join(folder, 'test-printers');
  const serverBin = options.testPrinters === true ? await testServerBin(folder, testPrinters) : null;
  await writeFile(
    join(etc, 'cups-files.conf'),
    [
      `ServerRoot ${etc}`,
      ...(serverBin === null ? [] : [`ServerBin ${serverBin}`]),
      `RequestRoot ${spoolFolder}`,
      `TempDir ${join(spoolFolder, 'tmp')}`,
      `CacheDir ${join(folder, 'cache')}`,
      `StateDir ${join(folder, 'state')}`,
      `ErrorLog ${join(folder, 'log', 'error_log')}`,
      `AccessLog ${join(folder, 'log', 'access_log')}`,
      `PageLog ${join(folder, 'log', 'page_log')}`,
      'User lp',
      'Group lp',
      'SystemGroup root',
      'FileDevice No',
      'Sandboxing Relaxed',
      '',
    ].join('\n'),
  );
  await writeFile(
    join(etc, 'cups-pdf.conf'),
    [`Out ${outputFolder}`, `AnonDirName ${join(folder, 'anon')}`, `Spool ${join(folder, 'cups-pdf-spool')}`, 'Grp root', `Log ${join(folder, 'log')}`, ''].join('\n'),
  );

  const cupsd: ChildProcess = spawn(
    'unshare',
    ['-m', '--propagation', 'private', 'sh', '-c', 'mount --bind "$1" /etc/cups && exec cupsd -f -c "$1/cupsd.conf" -s "$1/cups-files.conf"', 'sh', etc],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  cupsd.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => cupsd.once('exit', () => resolve()));
  const clientEnv: NodeJS.ProcessEnv = { ...process.env, CUPS_SERVER: socketPath, LC_ALL: 'C', LANG: 'C' };
  const run = (command: string, args: readonly string[]) =>
    new Promise<string>((resolve, reject) => {
      execFile(command, [...args], { env: clientEnv, timeout: 20_000 }, (error, stdout, errors) => (error === null ? resolve(stdout) : reject(new Error(`${command} ${args.join(' ')}: ${errors.trim() || error.message}`))));
    });

  const close = async () => {
    if (cupsd.exitCode === null && cupsd.signalCode === null) {
      cupsd.kill('SIGTERM');
      const timer = setTimeout(() => cupsd.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(folder, { recursive: true, force: true });
  };

  const deadline = Date.now() + 15_000;
  while (!existsSync(socketPath)) {
    if (cupsd.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`private cupsd did not start: ${stderr.trim() || 'no socket within 15 s'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The socket exists a moment before cupsd answers on it.
  for (;;) {
    try {
      await run('lpstat', ['-r']);
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        await close();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return {
    folder,
    socketPath,
    outputFolder,
    anonymousOutputFolder: join(folder, 'anon'),
    spoolFolder,
    clientEnv,
    run,
    close,
    async addCupsPdfQueue(name: string) {
      await run('lpadmin', ['-p', name, '-E', '-v', 'cups-pdf:/', '-P', CUPS_PDF_PPD]);
    },
    async addTestPrinterQueue(name: string, state: TestPrinterState = 'loaded') {
      if (serverBin === null) throw new Error('addTestPrinterQueue: start the private CUPS with { testPrinters: true }');
      if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`addTestPrinterQueue: bad queue name ${name}`);
      const own = join(testPrinters, name);
      await mkdir(join(own, 'out'), { recursive: true });
      const set = (next: TestPrinterState) => writeFile(join(own, 'state'), `${next}\n`);
      await set(state);
      // A raw queue (no PPD): the backend receives the kiosk's PDF as it was sent.
      await run('lpadmin', ['-p', name, '-E', '-v', `${TEST_BACKEND}:/${name}`]);
      return {
        queue: name,
        set,
        async printed() {
          const names = await readdir(join(own, 'out'));
          const files = await Promise.all(names.map(async (file) => ({ path: join(own, 'out', file), at: (await stat(join(own, 'out', file))).mtimeMs })));
          return files.sort((a, b) => a.at - b.at).map((file) => file.path);
        },
      };
    },
  };
}

/**
 * A ServerBin of the private cupsd's own: the distribution's filters, drivers and
 * backends (links to /usr/lib/cups, which is read, never changed) plus the pretend
 * printer's backend. CUPS runs a backend as root only when it is mode 0700 and
 * root's, in a folder only root may write (it checks): so are these.
 */
async function testServerBin(folder: string, testPrinters: string): Promise<string> {
  const serverBin = join(folder, 'server-bin');
  const backends = join(serverBin, 'backend');
  await mkdir(backends, { recursive: true });
  await mkdir(testPrinters, { recursive: true });
  for (const name of await readdir(SYSTEM_SERVER_BIN)) {
    if (name !== 'backend') await symlink(join(SYSTEM_SERVER_BIN, name), join(serverBin, name));
  }
  for (const name of await readdir(join(SYSTEM_SERVER_BIN, 'backend'))) await symlink(join(SYSTEM_SERVER_BIN, 'backend', name), join(backends, name));
  await writeFile(join(backends, TEST_BACKEND), testBackendScript(testPrinters), { mode: 0o700 });
  await chmod(join(backends, TEST_BACKEND), 0o700);
  return serverBin;
}

/**
 * The pretend printer, a CUPS backend (`man backend`): it tells CUPS its state on
 * stderr (`STATE: +media-empty-error`) and by its exit code, as CUPS's own
 * backends do for a real printer. Its state is a file the test writes.
 */
function testBackendScript(testPrinters: string): string {
  return `#!/bin/sh
# No argument: CUPS lists the devices this backend finds.
if [ $# -eq 0 ]; then echo 'direct ${TEST_BACKEND} "Borne" "Borne test printer"'; exit 0; fi
dir='${testPrinters}'/"\${DEVICE_URI#${TEST_BACKEND}:/}"
state() { cat "$dir/state" 2>/dev/null || echo missing; }
# As CUPS's ipp backend: reach the printer first (a moment of connecting-to-device at every job).
echo 'STATE: +connecting-to-device' >&2
sleep 1
if [ "$(state)" = unreachable ]; then
  echo 'STATE: +offline-report' >&2
  echo 'INFO: The printer does not answer' >&2
  while [ "$(state)" = unreachable ]; do sleep 0.2; done
fi
echo 'STATE: -connecting-to-device,offline-report' >&2
case "$(state)" in
  empty-stops)
    echo 'STATE: +media-empty-error' >&2
    echo 'ERROR: Out of paper' >&2
    exit 4 ;;
  empty)
    echo 'STATE: +media-empty-error' >&2
    echo 'INFO: Out of paper, waiting for paper' >&2
    while [ "$(state)" = empty ]; do sleep 0.2; done ;;
esac
# The printer answers: the reasons it no longer has are removed, as the ipp backend removes
# the ones CUPS still shows (PRINTER_STATE_REASONS) that the printer does not report.
echo 'STATE: -media-empty-error' >&2
cat "\${6:--}" > "$dir/out/job-$1.pdf"
echo 'INFO: Printed' >&2
exit 0
`;
}

/** The system's default access rules, taken from the installed cupsd.conf (blocks <Location /> and <Policy default>). */
async function stockPolicyLines(): Promise<string[]> {
  const text = await readFile('/etc/cups/cupsd.conf', 'utf8');
  const block = (start: RegExp, end: string) => {
    const lines = text.split('\n');
    const from = lines.findIndex((line) => start.test(line.trim()));
    if (from < 0) throw new Error(`/etc/cups/cupsd.conf has no ${String(start)} block`);
    const to = lines.findIndex((line, index) => index > from && line.trim() === end);
    return lines.slice(from, to + 1);
  };
  const authType = /^DefaultAuthType\s+\S+/m.exec(text)?.[0] ?? 'DefaultAuthType Basic';
  return [authType, ...block(/^<Location \/>$/, '</Location>'), ...block(/^<Policy default>$/, '</Policy>')];
}

/** The files cups-pdf has written so far, oldest first. */
export async function printedFiles(cups: PrivateCups): Promise<string[]> {
  const files: Array<{ path: string; at: number }> = [];
  for (const folder of [cups.outputFolder, cups.anonymousOutputFolder]) {
    for (const name of await readdir(folder)) {
      if (name.endsWith('.pdf')) files.push({ path: join(folder, name), at: (await stat(join(folder, name))).mtimeMs });
    }
  }
  return files.sort((a, b) => a.at - b.at).map((file) => file.path);
}
