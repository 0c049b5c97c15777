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
