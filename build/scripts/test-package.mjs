// `npm run test:package` (root only): the Chromium shell's Debian package for real.
// Builds it, checks it with lintian, installs it with apt-get, starts the installed kiosk
// as the kiosk user on a virtual display and waits for its home screen, stops it,
// purges the package and checks that nothing is left: no file, no user, no unit.
// It refuses to run on a machine where the package, the user or its folders already
// exist, and it never leaves the machine changed (a failed run still purges).
// Chromium lockdown policies (build/linux/chromium-policies/*.json) would change every
// Chromium of this shared machine while installed: the installed copy leaves them out,
// and the full package's file list is checked for them instead.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { buildDeb, chromiumPolicyFiles, APP_DIR, PACKAGE_NAME } from './build-deb.mjs';

const USER = 'borne';
const started = Date.now();
const results = [];
const check = (label, ok, detail = '') => {
  results.push({ label, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}${detail === '' ? '' : `: ${detail}`}`);
  return ok;
};
const run = (command, args, options = {}) => spawnSync(command, args, { encoding: 'utf8', ...options });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const userExists = () => run('getent', ['passwd', USER]).status === 0;
const groupExists = () => run('getent', ['group', USER]).status === 0;
const installed = () => /^install ok installed/.test(run('dpkg-query', ['-W', '-f=${Status}', PACKAGE_NAME]).stdout ?? '');
const apt = (...args) => run('apt-get', ['-y', '-q', '-o', 'DPkg::Lock::Timeout=300', ...args], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });

function refuse(reason) {
  console.log(`test:package skipped: ${reason}`);
  console.log('\ntests: 0 passed, 0 failed, 1 skipped');
  process.exit(1);
}

if (process.getuid?.() !== 0) refuse('it installs and purges a Debian package: run it as root (sudo npm run test:package)');
for (const tool of ['dpkg-deb', 'lintian', 'apt-get', 'Xvfb', 'xdotool', 'runuser']) {
  if (run('sh', ['-c', `command -v ${tool}`]).status !== 0) refuse(`${tool} is not installed (apt-get install lintian xvfb xdotool)`);
}
// Never touch a machine that already has the package, the user or their files.
const theirs = [
  installed() && `the package ${PACKAGE_NAME} is installed`,
  // Its Conflicts would make apt-get remove the Electron package.
  /^install ok installed/.test(run('dpkg-query', ['-W', '-f=${Status}', 'borne-inclusion-numerique']).stdout ?? '') && 'the Electron package borne-inclusion-numerique is installed',
  userExists() && `a user "${USER}" exists`,
  groupExists() && `a group "${USER}" exists`,
  ...['/etc/borne', '/var/lib/borne', APP_DIR, '/lib/systemd/system/borne-chromium.service'].map((path) => existsSync(path) && `${path} exists`),
].filter(Boolean);
if (theirs.length > 0) refuse(`this machine already has a station installed (${theirs.join('; ')}): not touching it`);

// Short: the kiosk's browser folders sit deep under its run folder, and Chromium's socket path must stay under 107 characters.
const work = mkdtempSync(join(tmpdir(), 'bpt-'));
let display = null;
let installedFiles = [];
try {
  // 1. Build: the full package (its file list), and the copy installed here.
  if (run('npm', ['run', '--silent', 'build'], { stdio: 'inherit' }).status !== 0) throw new Error('npm run build failed');
  const policies = chromiumPolicyFiles();
  const full = buildDeb({ out: join(work, 'full'), policies: true });
  const listing = execFileSync('dpkg-deb', ['-c', full], { encoding: 'utf8' });
  const policyTargets = policies.map((file) => `./etc/chromium/policies/managed/${basename(file)}`);
  check(`the package installs the ${policies.length} Chromium policy file(s) of build/linux/chromium-policies/`, policyTargets.every((target) => listing.includes(target)) && (policies.length > 0 || !listing.includes('./etc/chromium/')));
  const deb = policies.length === 0 ? full : buildDeb({ out: join(work, 'installed'), policies: false });
  if (policies.length > 0) console.log('     (the copy installed here leaves the Chromium policies out: they would change every Chromium of this shared machine)');

  // 2. lintian: no error (warnings are printed).
  const lint = run('lintian', ['--fail-on', 'error', deb]);
  process.stdout.write((lint.stdout ?? '').replace(/^/gm, '     lintian: ').replace(/ {5}lintian: $/, ''));
  check('lintian finds no error', lint.status === 0, lint.status === 0 ? '' : (lint.stdout ?? '') + (lint.stderr ?? ''));

  // 3. Install with apt-get, as an installer would (dependencies from the archive; no recommends: no X server on this machine).
  const install = apt('install', '--no-install-recommends', deb.startsWith('/') ? deb : `./${deb}`);
  if (!check('apt-get install ./….deb', install.status === 0, install.status === 0 ? '' : install.stdout + install.stderr)) throw new Error('install failed');
  installedFiles = execFileSync('dpkg-query', ['-L', PACKAGE_NAME], { encoding: 'utf8' }).split('\n').filter((line) => line.startsWith('/'));
  const passwd = run('getent', ['passwd', USER]).stdout.trim().split(':');
  const uid = Number(passwd[2]);
  check('the kiosk user exists, is a system user without a login shell', userExists() && uid < 1000 && passwd[6] === '/usr/sbin/nologin', passwd.join(':'));
  check('its home /var/lib/borne is empty', existsSync('/var/lib/borne') && readdirSync('/var/lib/borne').length === 0);
  check('it may use USB-serial printers (dialout)', run('id', ['-nG', USER]).stdout.split(/\s+/).includes('dialout'));
  for (const path of ['/etc/borne/station.json', '/lib/systemd/system/borne-chromium.service', '/etc/X11/xorg.conf.d/50-borne-kiosk.conf', `${APP_DIR}/bin/borne-kiosk`]) {
    check(`installed ${path}`, existsSync(path));
  }
  const conffiles = run('dpkg-query', ['-W', '-f=${Conffiles}', PACKAGE_NAME]).stdout;
  check('/etc/borne/station.json is a conffile (upgrades keep the station\'s edits)', conffiles.includes('/etc/borne/station.json'));
  const owners = run('find', [APP_DIR, '!', '-user', 'root', '-o', '-perm', '/022', '!', '-type', 'l']).stdout.trim();
  check('the app is root-owned and not writable by anyone else', owners === '', owners.split('\n').slice(0, 3).join(', '));
  const configCheck = run(`${APP_DIR}/bin/borne-config-check`, [], { cwd: '/' });
  check('the installed config check accepts /etc/borne/station.json', configCheck.status === 0 && configCheck.stdout.includes('/etc/borne/station.json: OK'), configCheck.stdout + configCheck.stderr);

  // 4. Start the installed kiosk as the kiosk user on a virtual display, from /, as systemd would.
  const displayNumber = await new Promise((resolve, reject) => {
    const server = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    display = server;
    let text = '';
    server.stdio[3].on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.trim());
    });
    server.on('exit', () => reject(new Error('Xvfb did not start')));
    setTimeout(() => reject(new Error('Xvfb did not start in 10 s')), 10_000);
  });
  const DISPLAY = `:${displayNumber}`;
  // What borne-chromium.service gives it: a private tmpfs-like run folder and HOME inside it.
  const run_dir = join(work, 'run');
  mkdirSync(join(run_dir, 'home'), { recursive: true });
  chmodSync(work, 0o755);
  for (const path of [run_dir, join(run_dir, 'home')]) {
    chownSync(path, uid, Number(passwd[3]));
    chmodSync(path, 0o700);
  }
  const env = ['PATH=/usr/sbin:/usr/bin:/sbin:/bin', `HOME=${join(run_dir, 'home')}`, `RUNTIME_DIRECTORY=${run_dir}`, `DISPLAY=${DISPLAY}`, 'LANG=C.UTF-8'];
  // The policies the full package installs, given to the kiosk's processes only: a private
  // mount namespace in which a copy of /etc/chromium holding them is mounted over the real one
  // (the installed copy leaves them out, as they would change every Chromium of this machine).
  const etcChromium = join(work, 'etc-chromium');
  if (existsSync('/etc/chromium')) cpSync('/etc/chromium', etcChromium, { recursive: true });
  mkdirSync(join(etcChromium, 'policies', 'managed'), { recursive: true });
  for (const file of chromiumPolicyFiles()) cpSync(file, join(etcChromium, 'policies', 'managed', basename(file)));
  const kiosk = spawn(
    'unshare',
    ['--mount', '--propagation', 'private', 'sh', '-c', 'mount --bind "$0" /etc/chromium && exec "$@"', etcChromium, 'runuser', '-u', USER, '--', 'env', '-i', ...env, `${APP_DIR}/bin/borne-kiosk`],
    { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  kiosk.stdout.on('data', (chunk) => (output += chunk));
  kiosk.stderr.on('data', (chunk) => (output += chunk));
  const windowNames = () =>
    run('xdotool', ['search', '--onlyvisible', '--name', '.'], { env: { ...process.env, DISPLAY } })
      .stdout.split('\n')
      .filter(Boolean)
      .map((id) => run('xdotool', ['getwindowname', id], { env: { ...process.env, DISPLAY } }).stdout.trim());
  const deadline = Date.now() + 90_000;
  let names = [];
  while (Date.now() < deadline && kiosk.exitCode === null) {
    names = windowNames();
    if (output.includes('station-ready') && names.includes('Borne numérique')) break;
    await sleep(500);
  }
  check('the installed kiosk shows its home screen ("Borne numérique" window on the display, station ready)', output.includes('station-ready') && names.includes('Borne numérique'), `windows: ${JSON.stringify(names)}; output: ${output.slice(-600)}`);
  check('it found its catalogue and station file (no "Hors service")', !output.includes('config-invalid') && !/hors service/i.test(output), output.slice(-400));
  const browsers = run('ps', ['-u', USER, '-o', 'args=']).stdout.split('\n').filter((line) => /chrom/.test(line));
  const unsandboxed = browsers.filter((line) => /(?:^|\s)--no-sandbox(?:\s|$)/.test(line));
  check('its Chromium runs as the kiosk user, sandboxed', browsers.length > 0 && unsandboxed.length === 0, `${browsers.length} processes; without sandbox: ${unsandboxed.map((line) => line.slice(0, 160)).join(' | ')}`);
  const launches = readdirSync(run_dir).filter((name) => name.startsWith('launch-'));
  check('its profiles are in its run folder (tmpfs under systemd)', launches.length === 1, JSON.stringify(readdirSync(run_dir)));

  // 5. Stop it as systemd would (SIGTERM to the kiosk's own process).
  const pids = run('pgrep', ['-u', USER, '-f', `${APP_DIR}/dist/cli/start.cjs`]).stdout.split('\n').filter(Boolean).map(Number);
  for (const pid of pids) process.kill(pid, 'SIGTERM');
  const stopDeadline = Date.now() + 30_000;
  while (kiosk.exitCode === null && Date.now() < stopDeadline) await sleep(200);
  check('it stops on SIGTERM', kiosk.exitCode === 0, `exit ${kiosk.exitCode}`);
  check('it removed its launch folder when it stopped', readdirSync(run_dir).filter((name) => name.startsWith('launch-')).length === 0, JSON.stringify(readdirSync(run_dir)));
  check('the kiosk user\'s real home is still empty', readdirSync('/var/lib/borne').length === 0, run('find', ['/var/lib/borne']).stdout.trim().split('\n').slice(0, 12).join(', '));
} catch (error) {
  check('the package test ran to its end', false, error instanceof Error ? error.message : String(error));
} finally {
  // Never leave the machine changed: the kiosk's processes (the user is ours: the test created it), the display, the package.
  if (userExists() && installed()) {
    for (const pid of run('pgrep', ['-u', USER]).stdout.split('\n').filter(Boolean).map(Number)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
  display?.kill();
  if (installed() || run('dpkg-query', ['-W', PACKAGE_NAME]).status === 0) {
    const purge = apt('purge', PACKAGE_NAME);
    check('apt-get purge', purge.status === 0, purge.status === 0 ? '' : purge.stdout + purge.stderr);
  }
  const left = installedFiles.filter((path) => existsSync(path) && !['/.', '/etc', '/lib', '/usr', '/lib/systemd', '/lib/systemd/system', '/usr/lib', '/usr/share', '/usr/share/doc', '/etc/X11', '/etc/X11/xorg.conf.d'].includes(path));
  check('nothing of the package is left', installedFiles.length > 0 && left.length === 0, left.slice(0, 5).join(', '));
  check('no kiosk user or group is left', !userExists() && !groupExists());
  check('no station folder, home or run folder is left', !['/etc/borne', '/var/lib/borne', '/run/borne'].some((path) => existsSync(path)));
  check('no unit is left', !existsSync('/lib/systemd/system/borne-chromium.service') && !existsSync('/etc/systemd/system/graphical.target.wants/borne-chromium.service'));
  rmSync(work, { recursive: true, force: true });
  const failed = results.filter((result) => !result.ok).length;
  console.log(`\ntest:package: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`tests: ${results.length - failed} passed, ${failed} failed, 0 skipped`);
  process.exitCode = failed === 0 ? 0 : 1;
}
