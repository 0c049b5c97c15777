import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { projectRoot } from '../../main/node/paths';
import { findSocat, startFakePrinter } from '../support/fake-printer';

/** `npm run memo`: staff test a printer from a terminal, anyone inspects the exact bytes. */
const root = projectRoot();
const memo = (...args: string[]) => spawnSync('node', [join(root, 'dist/cli/memo.cjs'), ...args], { cwd: root, encoding: 'utf8' });

test('writes a memo\'s exact bytes for a profile to a file', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'memo-cli-')), 'memo.bin');
  const result = memo('--profile', 'epson-tm-t20', '--services', 'caf,anef,ants', '--out', out);
  expect(result.status).toBe(0);
  const bytes = readFileSync(out);
  expect(result.stdout).toContain(`${out}: ${bytes.length} bytes for epson-tm-t20`);
  expect([...bytes.subarray(0, 8)]).toEqual([0x1b, 0x40, 0x1b, 0x52, 0x00, 0x1b, 0x74, 0x10]);
  expect(bytes.includes(Buffer.from('https://ants.gouv.fr/'))).toBe(true);
});

test('refuses an unknown profile or service with the list of known ones', () => {
  expect(memo('--profile', 'tm-9000', '--services', 'caf', '--out', '/tmp/x').stderr).toContain('--profile must be one of epson-tm-t20, epson-tm-t88, generic-58mm');
  const unknown = memo('--profile', 'generic-58mm', '--services', 'caf,cpam', '--out', '/tmp/x');
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('unknown or without memo information: cpam');
});

test('prints a profile\'s test page on a printer port', async () => {
  test.skip(findSocat() === null, 'socat is not installed (apt-get install socat)');
  const printer = await startFakePrinter();
  try {
    const result = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
      const child = spawn('node', [join(root, 'dist/cli/memo.cjs'), '--profile', 'generic-58mm', '--test-page', '--port', printer.devicePath], { cwd: root });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('exit', (status: number | null) => resolve({ status, stdout }));
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`${printer.devicePath}: printed`);
    const printed = printer.printed();
    expect(printed.text).toContain('é è ê à ç œ € « » @');
    expect(printed.qrData).toEqual(['https://www.service-public.gouv.fr/']);
  } finally {
    await printer.stop();
  }
});

test('--a4 writes the A4 memo as a PDF: no service split across pages, the clues apart, a caption under each QR code', () => {
  test.skip(spawnSync('pdftotext', ['-v']).error !== undefined, 'pdftotext is not installed (apt-get install poppler-utils)');
  const dir = mkdtempSync(join(tmpdir(), 'memo-a4-cli-'));
  const out = join(dir, 'memo.pdf');
  const result = memo('--a4', '--out', out);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toContain(`${out}: A4 memo, 8 services`);
  expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  // The PDF's text, page by page (pdftotext separates pages with a form feed).
  const text = spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).stdout;
  const pages = text.split('\f').filter((page) => page.trim() !== '');
  expect(pages.length).toBeGreaterThan(1);
  const pageOf = (words: string) => pages.findIndex((page) => page.replace(/\s+/g, ' ').includes(words));
  const services: [string, string][] = [
    ['CAF — allocations familiales', 'Ce QR code ouvre www.caf.fr'],
    ['Titre de séjour (ANEF)', 'Ce QR code ouvre administration-etrangers-en-france.interieur.gouv.fr'],
    ['Carte d\'identité, passeport, permis, carte grise (ANTS)', 'Ce QR code ouvre ants.gouv.fr'],
    ['Assurance maladie (ameli)', 'Ce QR code ouvre www.ameli.fr'],
    ['Service-public : toutes les démarches', 'Ce QR code ouvre www.service-public.gouv.fr'],
  ];
  for (const [label, caption] of services) {
    expect(pageOf(label), label).toBeGreaterThanOrEqual(0);
    // From its name to the caption under its QR code, a service is on one page.
    expect(pageOf(caption), caption).toBe(pageOf(label));
  }
  // The cut line and the whole password-clue part share one page, after every identifier.
  const cut = pageOf('✂ à découper');
  expect(cut).toBeGreaterThanOrEqual(0);
  expect(pageOf('Mes indices de mots de passe')).toBe(cut);
  expect(pageOf('Service-public : toutes les démarches — indice')).toBe(cut);
  const afterCut = pages.slice(cut).join('\n');
  const cutAt = afterCut.indexOf('✂ à découper');
  expect(afterCut.slice(cutAt)).not.toContain('Identifiant');
  // No line says "Identifiant : … : …".
  const identifierLines = text.split('\n').filter((line) => line.trim().startsWith('Identifiant'));
  expect(identifierLines.length).toBe(8);
  for (const line of identifierLines) expect(line.split(':').length, line).toBe(2);
  // A picture of the first page, for a person to look at (test-results/memo-a4-page-1.png).
  const png = spawnSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', out, join('test-results', 'memo-a4-page-1')]);
  expect(png.status).toBe(0);
});
