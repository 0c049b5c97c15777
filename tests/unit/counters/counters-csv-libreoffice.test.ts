import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countEvent, emptyStore, lastDays, type CounterEvent } from '../../../main/core/counters/activity-counters';
import { countersCsv } from '../../../main/core/counters/counters-csv';

/**
 * The exported CSV read by a real spreadsheet: LibreOffice Calc (headless) imports it
 * as a French user's Calc does (";" separator, UTF-8), saves it as .xlsx, and the .xlsx
 * is read back to text. Accents, the byte-order mark (which must not end up in the
 * first cell), the columns and the numbers must all come through.
 */
const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
const dir = mkdtempSync(join(tmpdir(), 'counters-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
if (soffice === '') console.log('LibreOffice test skipped: soffice not found (build/scripts/kiosk.sh test installs libreoffice-calc-nogui)');

function libreoffice(args: string[]): void {
  const result = spawnSync(soffice, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', ...args], { encoding: 'utf8', timeout: 120_000, cwd: dir });
  if (result.status !== 0) throw new Error(`soffice failed: ${result.stderr}`);
}

describe('the counters CSV in LibreOffice Calc', () => {
  it.skipIf(soffice === '')('opens with its accents, columns and numbers (soffice --convert-to)', () => {
    const events: CounterEvent[] = [
      { kind: 'visit-started' },
      { kind: 'tile-opened', tileId: 'caf', theme: 'Famille-Scolarité' },
      { kind: 'tile-opened', tileId: 'anef', theme: 'Étrangers-Europe' },
      { kind: 'visit-ended', cause: 'visitor', seconds: 17 * 60 },
      { kind: 'memo-printed' },
    ];
    const store = events.reduce((current, event) => countEvent(current, event, '2026-12-01'), emptyStore());
    const csv = countersCsv(lastDays(store, '2026-12-02', 2), [{ id: 'caf', label: 'CAF' }, { id: 'anef', label: 'ANEF (étrangers)' }]);
    writeFileSync(join(dir, 'compteurs.csv'), csv);

    // 59 = ";", 34 = '"', 76 = UTF-8, 1 = first line: the import a French Calc proposes for this file.
    libreoffice(['--infilter=CSV:59,34,76,1', '--convert-to', 'xlsx', '--outdir', dir, join(dir, 'compteurs.csv')]);
    libreoffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):9,34,76,1', '--outdir', join(dir, 'back'), join(dir, 'compteurs.xlsx')]);
    const cells = readFileSync(join(dir, 'back', 'compteurs.csv'), 'utf8')
      .split(/\r?\n/)
      .filter((line) => line !== '')
      .map((line) => line.split('\t').map((cell) => cell.replace(/^"|"$/g, '')));

    const header = cells[0] ?? [];
    expect(header[0]).toBe('Date'); // not "\uFEFFDate": the byte-order mark was understood
    expect(header).toContain('Visites commencées');
    expect(header).toContain("Échecs de l'autocontrôle d'effacement");
    expect(header).toContain('Thème : Étrangers-Europe');
    expect(header).toContain('Démarche : ANEF (étrangers)');
    expect(header).toHaveLength(csv.split('\r\n')[0]?.split(';').length ?? 0);
    const row = Object.fromEntries(header.map((name, index) => [name, cells[1]?.[index]]));
    expect(row['Visites commencées']).toBe('1');
    expect(row['Durée médiane (minutes)']).toBe('17');
    expect(row['Thème : Famille-Scolarité']).toBe('1');
    expect(row['Démarche : ANEF (étrangers)']).toBe('1');
    expect(cells).toHaveLength(3);

    // Calc took the counts as numbers (xlsx cells without t="s"), not as text.
    const unzip = spawnSync('sh', ['-c', `cd ${dir} && python3 -c "import zipfile;print(zipfile.ZipFile('compteurs.xlsx').read('xl/worksheets/sheet1.xml').decode())"`], { encoding: 'utf8' });
    if (unzip.status === 0) {
      expect(unzip.stdout).toMatch(/<c r="B2"[^>]*><v>1<\/v><\/c>/);
      expect(unzip.stdout).not.toMatch(/<c r="B2"[^>]*t="s"/);
    } else {
      console.log('xlsx cell types not checked: python3 is not installed');
    }
  });

});
