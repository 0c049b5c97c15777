import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KioskLog } from '../../../main/core/log';
import { readShippedConfig } from '../../../main/node/load-config';
import { csvFileName, openStaffDesk } from '../../../main/node/staff-desk';
import { keysInFolder, removableMountPoints } from '../../../main/node/usb-keys';
import { hashPin, writePinFile } from '../../../main/node/staff-pin';
import { startStationRecords } from '../../../main/node/station-records';
import { FakeClock } from '../../support/fake-clock';
import { tempFoldersPerTest } from '../../support/temp-folders';

const folder = tempFoldersPerTest('staff-desk-');
const silent: KioskLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function desk(dir: string, staff: Record<string, string>, mounts = '', mountRoots?: string[], removableMediaFolder?: string) {
  const clock = new FakeClock();
  const shipped = readShippedConfig('default.json');
  const config = {
    ...shipped,
    staff: { stateDirectory: 'state', ...staff },
    ...(removableMediaFolder === undefined ? {} : { documents: { ...shipped.documents, removableMediaFolder } }),
  };
  const stationFile = join(dir, 'borne.json');
  const records = await startStationRecords({ config, stationFile, log: silent, shell: 'chromium', printerKind: 'none', now: () => clock.now() });
  const opened = await openStaffDesk({ config, stationFile, records, clock, log: records.log, readMounts: () => Promise.resolve(mounts), ...(mountRoots === undefined ? {} : { mountRoots }) });
  return { clock, records, desk: opened };
}

describe('the staff desk (what the staff screens will call)', () => {
  it('finds USB keys in /proc/mounts, and names the CSV after the station and the day', () => {
    const mounts = [
      '/dev/sda1 / ext4 rw 0 0',
      '/dev/sdb1 /media/borne/CLE\\040USB vfat rw,nosuid 0 0',
      '/dev/sdc1 /run/media/borne/DISK exfat rw 0 0',
      'tmpfs /media/tmp tmpfs rw 0 0',
    ].join('\n');
    expect(removableMountPoints(mounts)).toEqual(['/media/borne/CLE USB', '/run/media/borne/DISK']);
    expect(csvFileName('Médiathèque « Les Tilleuls »', '2026-12-02')).toBe('compteurs-mediatheque-les-tilleuls-2026-12-02.csv');
  });

  it('without a PIN file the gate refuses and says how to set one', async () => {
    const { desk: staff } = await desk(folder(), {});
    expect(await staff.gate.status()).toMatchObject({ kind: 'no-pin' });
  });

  it('with the PIN file beside the station file, the gate opens for the right PIN', async () => {
    const dir = folder();
    await writePinFile(join(dir, 'borne.pin.json'), await hashPin('482913', { N: 2 ** 14, r: 8, p: 1, keyLength: 32 }));
    const { desk: staff } = await desk(dir, { pinFile: 'borne.pin.json' });
    expect(await staff.gate.tryPin('482913')).toEqual({ ok: true });
  });

  it('the 30-day table and the CSV follow the visits; the CSV goes to a USB key when one is mounted', async () => {
    const dir = folder();
    const usb = join(dir, 'media', 'CLE');
    mkdirSync(usb, { recursive: true });
    const { records, desk: staff } = await desk(dir, {}, `/dev/sdb1 ${usb} vfat rw 0 0`, [join(dir, 'media')]);
    records.log.info('visit-started');
    records.log.info('tile-opened', { tile: 'anef' });
    records.log.info('session-ended', { cause: 'visitor', minutes: 0 });
    const table = staff.countersTable();
    expect(table).toHaveLength(30);
    expect(table[29]).toMatchObject({ visitsStarted: 1, endedByVisitor: 1, byTheme: { 'Étrangers-Europe': 1 } });
    const exported = await staff.exportCounters();
    expect(exported.kind).toBe('usb');
    const text = readFileSync(exported.kind === 'usb' ? exported.path : '', 'utf8');
    expect(text.startsWith('\uFEFFDate;')).toBe(true);
    expect(text).toContain('Démarche : Titre de séjour (ANEF)');
  });

  it("with the station's USB key folder, the CSV goes to the key in it, and to the screen once it is pulled out", async () => {
    const dir = folder();
    const media = join(dir, 'media');
    mkdirSync(media);
    // /proc/mounts says nothing here: the station's own folder is what counts.
    const { clock, records, desk: staff } = await desk(dir, {}, '/dev/sdb1 /media/elsewhere vfat rw 0 0', undefined, media);
    // The station's local day ("sv-SE" writes dates as YYYY-MM-DD); no hour in the name.
    const name = `compteurs-point-numerique-${new Date(clock.now()).toLocaleDateString('sv-SE')}.csv`;
    records.log.info('visit-started');
    expect(await staff.exportCounters()).toMatchObject({ kind: 'screen' });
    // An empty folder is a mount point with no key; a link and a plain file are no key either.
    mkdirSync(join(media, 'VIDE'));
    mkdirSync(join(dir, 'ailleurs'));
    writeFileSync(join(dir, 'ailleurs', 'x.txt'), 'x');
    symlinkSync(join(dir, 'ailleurs'), join(media, 'LIEN'));
    writeFileSync(join(media, 'fichier.txt'), 'x');
    mkdirSync(join(media, '.cachee'));
    writeFileSync(join(media, '.cachee', 'x.txt'), 'x');
    expect(await keysInFolder(media)).toEqual([]);
    expect(await staff.exportCounters()).toMatchObject({ kind: 'screen' });
    expect(readdirSync(join(dir, 'ailleurs'))).toEqual(['x.txt']);

    const key = join(media, 'CLE USB');
    mkdirSync(key);
    writeFileSync(join(key, 'photo.jpg'), 'x');
    expect(await keysInFolder(media)).toEqual([key]);
    const exported = await staff.exportCounters();
    expect(exported).toEqual({ kind: 'usb', path: join(key, name) });
    expect(readdirSync(key).sort()).toEqual([name, 'photo.jpg']); // no temporary file left beside it
    expect(readFileSync(join(key, name), 'utf8').startsWith('\uFEFFDate;Visites commencées;')).toBe(true);

    rmSync(key, { recursive: true });
    expect(await staff.exportCounters()).toMatchObject({ kind: 'screen' });
    expect(existsSync(key)).toBe(false); // nothing written where the key was
    expect(await keysInFolder(join(dir, 'absent'))).toEqual([]);
  });

  it('without a USB key the CSV is given back for the screen', async () => {
    const { desk: staff } = await desk(folder(), {});
    const exported = await staff.exportCounters(7);
    expect(exported.kind).toBe('screen');
    expect(exported.kind === 'screen' && exported.csv.split('\r\n')).toHaveLength(9);
  });

  it('the last problems read as French sentences, from the log file or from memory', async () => {
    const dir = folder();
    const withFile = await desk(dir, { logDirectory: 'logs' });
    withFile.records.log.warn('memo-print-failed', { problem: 'paper-end', detail: 'x' });
    withFile.records.log.error('wipe-failed', { failedSteps: 'clear-storage', firstError: null });
    expect(withFile.desk.recentProblems().map((entry) => entry.sentence.what)).toEqual([
      expect.stringContaining("L'effacement après un visiteur a échoué"),
      "L'imprimante n'a plus de papier.",
    ]);
    const inMemory = await desk(folder(), {});
    inMemory.records.log.warn('connectivity-lost');
    expect(inMemory.desk.recentProblems()).toEqual([{ time: expect.any(String), level: 'warn', sentence: { what: 'La connexion Internet est coupée.', todo: expect.any(String) } }]);
  });

  it('health at a glance measures the machine (disk, memory) and knows whether a PIN is set', async () => {
    const { records, desk: staff } = await desk(folder(), {});
    records.log.info('visit-started');
    records.log.info('session-ended', { cause: 'visitor', minutes: 0 });
    const lines = await staff.healthAtAGlance();
    expect(lines.find((line) => line.key === 'pin')?.ok).toBe(false);
    expect(lines.find((line) => line.key === 'disk')?.sentence.what).toMatch(/Disque.* Mio libres/);
    expect(lines.find((line) => line.key === 'station')?.sentence.what).toContain('1 visiteur depuis');
  });

  it('reloading the station file: a broken one is refused with precise lines, a good one is returned', async () => {
    const dir = folder();
    const { desk: staff } = await desk(dir, {});
    const stationFile = join(dir, 'borne.json');
    const good = JSON.parse(readFileSync('kiosk-config/default.json', 'utf8')) as Record<string, unknown>;
    delete good.$schema;
    writeFileSync(stationFile, JSON.stringify({ ...good, idle: { timeoutSeconds: 0, warningSeconds: 30 }, colour: 'blue' }));
    const refused = await staff.reloadStationFile();
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problems).toEqual([
      expect.stringMatching(new RegExp(`^${stationFile}: idle\\.timeoutSeconds: `)),
      expect.stringMatching(new RegExp(`^${stationFile}: colour: unknown key`)),
      expect.stringMatching(new RegExp(`^${stationFile}: idle\\.warningSeconds: 30 s must be shorter than idle\\.timeoutSeconds`)),
    ]);
    writeFileSync(stationFile, JSON.stringify(good));
    const accepted = await staff.reloadStationFile();
    expect(accepted.ok && accepted.config.tiles.length).toBe(8);
  });

  it('maintenance survives a restart and shows in the metrics', async () => {
    const dir = folder();
    const first = await desk(dir, { metricsDirectory: 'textfile' });
    expect(await first.desk.maintenance()).toBe(false);
    await first.desk.setMaintenance(true);
    await first.records.settled();
    expect(readFileSync(join(dir, 'textfile', 'borne.prom'), 'utf8')).toContain('\nborne_maintenance 1\n');
    const restarted = await desk(dir, {});
    expect(await restarted.desk.maintenance()).toBe(true);
    await restarted.desk.setMaintenance(false);
    expect(await restarted.desk.maintenance()).toBe(false);
  });
});

describe('the metrics file heartbeat', () => {
  it('is rewritten while nothing happens, so its age says the kiosk is alive, and stops at close', async () => {
    const dir = folder();
    const config = { ...readShippedConfig('default.json'), staff: { stateDirectory: 'state', metricsDirectory: 'textfile' } };
    const records = await startStationRecords({ config, stationFile: join(dir, 'borne.json'), log: silent, shell: 'chromium', printerKind: 'none', heartbeatMs: 50 });
    await records.settled();
    const prom = join(dir, 'textfile', 'borne.prom');
    const first = statSync(prom).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(statSync(prom).mtimeMs).toBeGreaterThan(first);
    await records.close();
    const closed = statSync(prom).mtimeMs;
    expect(readFileSync(prom, 'utf8')).toContain('\nborne_up 0\n');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(statSync(prom).mtimeMs).toBe(closed);
  });
});
