// `npm run package:deb [-- --out DIR] [--without-chromium-policies]`: the Debian package
// of the Chromium shell, built with Debian's own dpkg-deb (no fpm, no download):
//   /usr/lib/borne-inclusion-numerique/   the product build (dist/), the shipped station
//                                         files, the npm packages it loads at run time, bin/
//   /etc/borne/station.json               the station file (a conffile: upgrades keep the edits)
//   /lib/systemd/system/borne-chromium.service, /etc/X11/xorg.conf.d/50-borne-kiosk.conf
//   /etc/chromium/policies/managed/*.json every file of build/linux/chromium-policies/
// The maintainer scripts (build/linux/debian/) create the unprivileged kiosk user with an
// empty home, and remove it with everything else at `apt purge`.
// Prints the path of the .deb. Needs a product build (npm run build) first.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The Electron package (electron-builder) is "borne-inclusion-numerique"; one station has one or the other. */
export const PACKAGE_NAME = 'borne-inclusion-numerique-chromium';
export const APP_DIR = '/usr/lib/borne-inclusion-numerique';
const MAINTAINER = 'Équipe borne inclusion numérique <borne@inclusion-numerique.fr>';
/** Node ≥ 20: Debian 13 and NodeSource's "nodejs" package provide it; Debian 12 and Ubuntu 24.04's own are 18 (README). */
const DEPENDS = 'chromium, nodejs (>= 20), xprintidle, xsel, x11-xserver-utils, xdotool, passwd, adduser, libc6 (>= 2.28), libstdc++6, libgcc-s1';
/** The bare X session of borne-chromium.service; not needed to try the kiosk under another session. */
const RECOMMENDS = 'xserver-xorg-core, xserver-xorg-input-libinput, xinit, x11-xserver-utils';
/** Shipped station files: demo.json points to the training sites, which never ship. */
const SHIPPED_CONFIG = ['catalogue.json', 'catalogue.schema.json', 'default.json', 'station.schema.json', 'README.md'];

function parseArgs(argv) {
  const options = { out: join(root, 'release'), policies: true };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--out') options.out = argv[++index];
    else if (argument.startsWith('--out=')) options.out = argument.slice('--out='.length);
    else if (argument === '--without-chromium-policies') options.policies = false;
    else throw new Error(`unknown argument ${argument} (usage: build-deb.mjs [--out DIR] [--without-chromium-policies])`);
  }
  return options;
}

/** The npm packages the product loads at run time (package.json "dependencies", with theirs). */
export function productionModules() {
  const listed = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== root)
    .map((line) => relative(root, line))
    .sort();
  // A package inside one already listed comes with it.
  return listed.filter((path, index) => !listed.slice(0, index).some((outer) => path.startsWith(`${outer}/`)));
}

/** The Chromium policy files to install, from build/linux/chromium-policies/ (none when the folder is absent or holds only its README). */
export function chromiumPolicyFiles(folder = join(root, 'build', 'linux', 'chromium-policies')) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(folder, name));
}

function put(stage, target, content, mode = 0o644) {
  const path = join(stage, target);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  chmodSync(path, mode);
}

function copy(stage, source, target, filter = () => true) {
  cpSync(source, join(stage, target), { recursive: true, filter: (path) => filter(path) });
}

/** Directories 0755; files 0755 when they are scripts or programs, 0644 otherwise: what lintian expects. */
function normaliseModes(path) {
  const stat = statSync(path);
  if (stat.isDirectory()) {
    chmodSync(path, 0o755);
    for (const name of readdirSync(path)) normaliseModes(join(path, name));
    return;
  }
  const head = readFileSync(path).subarray(0, 4);
  const runnable = head.subarray(0, 2).toString() === '#!' || head.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  chmodSync(path, runnable && stat.mode & 0o111 ? 0o755 : 0o644);
}

/** serialport carries prebuilds for every system: keep the one for this package's architecture (amd64, glibc). */
function keepOwnPrebuildOnly(stage) {
  const prebuilds = join(stage, APP_DIR, 'node_modules', '@serialport', 'bindings-cpp', 'prebuilds');
  if (!existsSync(prebuilds)) throw new Error('serialport has no prebuilds: the printer could not work');
  for (const platform of readdirSync(prebuilds)) {
    if (platform !== 'linux-x64') rmSync(join(prebuilds, platform), { recursive: true, force: true });
  }
  const own = join(prebuilds, 'linux-x64');
  for (const name of readdirSync(own)) if (!name.endsWith('.glibc.node')) rmSync(join(own, name));
  if (readdirSync(own).length !== 1) throw new Error(`expected one glibc prebuild in ${own}`);
}

function changelog(version) {
  const date = new Date().toUTCString().replace('GMT', '+0000');
  return gzipSync(
    `${PACKAGE_NAME} (${version}) unstable; urgency=medium\n\n  * Paquet de la coquille Chromium de la borne (build/scripts/build-deb.mjs).\n\n -- ${MAINTAINER}  ${date}\n`,
    { level: 9 },
  );
}

const COPYRIGHT = `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: ${PACKAGE_NAME}

Files: *
Copyright: 2026 ${MAINTAINER}
License: EUPL-1.2
 The European Union Public Licence, version 1.2:
 https://interoperable-europa.ec.europa.eu/collection/eupl/eupl-text-eupl-12

Files: usr/lib/borne-inclusion-numerique/node_modules/playwright-core/*
Copyright: Microsoft Corporation; Google Inc.
License: Apache-2.0
 On Debian systems, the full text of the Apache License 2.0 is in
 /usr/share/common-licenses/Apache-2.0.

Files: usr/lib/borne-inclusion-numerique/node_modules/serialport/* usr/lib/borne-inclusion-numerique/node_modules/@serialport/* usr/lib/borne-inclusion-numerique/node_modules/node-addon-api/* usr/lib/borne-inclusion-numerique/node_modules/node-gyp-build/* usr/lib/borne-inclusion-numerique/node_modules/debug/* usr/lib/borne-inclusion-numerique/node_modules/ms/* usr/lib/borne-inclusion-numerique/node_modules/x11/*
Copyright: their authors (see each package.json)
License: Expat
 Permission is hereby granted, free of charge, to any person obtaining a copy of this
 software and associated documentation files (the "Software"), to deal in the Software
 without restriction, including without limitation the rights to use, copy, modify,
 merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
 permit persons to whom the Software is furnished to do so, subject to the following
 conditions:
 .
 The above copyright notice and this permission notice shall be included in all copies
 or substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
 INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
 PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE
 LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT
 OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR
 OTHER DEALINGS IN THE SOFTWARE.
`;

/** Builds the .deb into `out`; returns its path. */
/** `compression`: xz for a release; 'none' for tests that only read the package back. */
export function buildDeb({ out, policies, policiesDir = undefined, compression = 'xz' }) {
  if (!existsSync(join(root, 'dist', 'cli', 'start.cjs')) || !existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
    throw new Error('no product build in dist/: run npm run build first');
  }
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const version = manifest.version;
  const stage = mkdtempSync(join(tmpdir(), 'borne-deb-'));
  try {
    // The app: the product build only (no source maps, no dist-dev/)
    // (dist/electron is the Electron shell's: it ships in the Electron package only.)
    copy(stage, join(root, 'dist'), `${APP_DIR}/dist`, (path) => !path.endsWith('.map') && !path.endsWith('.build-stamp') && !/[/\\]dist[/\\]electron(?:[/\\]|$)/.test(path));
    for (const name of SHIPPED_CONFIG) copy(stage, join(root, 'kiosk-config', name), `${APP_DIR}/kiosk-config/${name}`);
    const appManifest = { name: manifest.name, version, private: true, description: manifest.description, license: manifest.license, dependencies: manifest.dependencies };
    put(stage, `${APP_DIR}/package.json`, `${JSON.stringify(appManifest, null, 2)}\n`);
    for (const path of productionModules()) {
      // Sources, tests and install helpers of the packages are not needed to run them.
      copy(stage, join(root, path), `${APP_DIR}/${path}`, (file) => !/[/\\](?:test|tests|__tests__|\.github)$/.test(file) && !/\.(?:md|ts|map)$/.test(file) || /LICEN[CS]E|NOTICE/.test(file));
    }
    // Browser installers for other systems; node-addon-api's build helpers (the binding is prebuilt).
    rmSync(join(stage, APP_DIR, 'node_modules', 'playwright-core', 'bin'), { recursive: true, force: true });
    rmSync(join(stage, APP_DIR, 'node_modules', 'node-addon-api', 'tools'), { recursive: true, force: true });
    // The X client's examples, docs and web site are not needed to run it.
    for (const folder of ['examples', 'docs', 'website', 'autogen', 'scripts', 'test', 'browser']) rmSync(join(stage, APP_DIR, 'node_modules', 'x11', folder), { recursive: true, force: true });
    keepOwnPrebuildOnly(stage);
    for (const name of readdirSync(join(root, 'build', 'linux', 'bin'))) copy(stage, join(root, 'build', 'linux', 'bin', name), `${APP_DIR}/bin/${name}`);

    // The machine's files.
    const station = JSON.parse(readFileSync(join(root, 'kiosk-config', 'default.json'), 'utf8'));
    station.$schema = `file://${APP_DIR}/kiosk-config/station.schema.json`;
    put(stage, 'etc/borne/station.json', `${JSON.stringify(station, null, 2)}\n`);
    copy(stage, join(root, 'build', 'linux', 'borne-chromium.service'), 'lib/systemd/system/borne-chromium.service');
    copy(stage, join(root, 'build', 'linux', 'xorg-borne-kiosk.conf'), 'etc/X11/xorg.conf.d/50-borne-kiosk.conf');
    const conffiles = ['/etc/borne/station.json', '/etc/X11/xorg.conf.d/50-borne-kiosk.conf'];
    if (policies) {
      for (const file of chromiumPolicyFiles(policiesDir)) {
        const target = `etc/chromium/policies/managed/${file.split('/').pop()}`;
        copy(stage, file, target);
        conffiles.push(`/${target}`);
      }
    }
    const doc = `usr/share/doc/${PACKAGE_NAME}`;
    put(stage, `${doc}/copyright`, COPYRIGHT);
    put(stage, `${doc}/changelog.gz`, changelog(version));
    copy(stage, join(root, 'README.md'), `${doc}/README.md`);
    normaliseModes(stage);

    // The package's own metadata.
    const installedKb = Number(execFileSync('du', ['-sk', '--exclude=DEBIAN', stage], { encoding: 'utf8' }).split('\t')[0]);
    const control = [
      `Package: ${PACKAGE_NAME}`,
      `Version: ${version}`,
      'Architecture: amd64',
      `Maintainer: ${MAINTAINER}`,
      `Installed-Size: ${installedKb}`,
      `Depends: ${DEPENDS}`,
      `Recommends: ${RECOMMENDS}`,
      'Section: misc',
      'Priority: optional',
      'Conflicts: borne-inclusion-numerique',
      'Description: public self-service kiosk for online procedures (Chromium shell)',
      ' Borne inclusion numérique: visitors reach official sites (CAF, ANEF,',
      ' ANTS…) under a trusted toolbar; everything they did is wiped when they',
      " leave. This package runs the kiosk on the distribution's Chromium, in a",
      ' bare X session on tty1, as the unprivileged "borne" user (systemd unit',
      ' borne-chromium.service).',
      '',
    ].join('\n');
    put(stage, 'DEBIAN/control', control);
    put(stage, 'DEBIAN/conffiles', `${conffiles.join('\n')}\n`);
    for (const script of ['postinst', 'prerm', 'postrm']) copy(stage, join(root, 'build', 'linux', 'debian', script), `DEBIAN/${script}`);
    for (const script of ['postinst', 'prerm', 'postrm']) chmodSync(join(stage, 'DEBIAN', script), 0o755);
    chmodSync(join(stage, 'DEBIAN'), 0o755);

    mkdirSync(out, { recursive: true });
    const deb = join(out, `${PACKAGE_NAME}_${version}_amd64.deb`);
    execFileSync('dpkg-deb', ['--root-owner-group', `-Z${compression}`, '--build', stage, deb], { stdio: ['ignore', 'ignore', 'inherit'] });
    return deb;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    console.log(buildDeb(parseArgs(process.argv.slice(2))));
  } catch (error) {
    console.error(`build-deb: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
