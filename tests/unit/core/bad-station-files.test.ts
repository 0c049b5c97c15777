import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatConfigProblem, MAX_STATION_FILE_BYTES } from '../../../main/core/config/parse-config';
import { loadStationConfig } from '../../../main/node/load-config';

/**
 * The corpus of broken station files (tests/fixtures/bad-stations/), each read from disk
 * through the kiosk's own loader, as `npm start` and `npm run config:check` read them:
 * every file is refused with exactly the lines written in bad-stations.expected.json,
 * each line printable and naming the key.
 */
const fixtures = join(__dirname, '..', '..', 'fixtures');
const badDir = join(fixtures, 'bad-stations');
const expected = JSON.parse(readFileSync(join(fixtures, 'bad-stations.expected.json'), 'utf8')) as Record<string, string[]>;
const badFiles = readdirSync(badDir).sort();

async function linesFor(path: string): Promise<string[]> {
  const result = await loadStationConfig(path);
  if (result.ok) return ['OK'];
  return result.problems.map((problem) => formatConfigProblem(problem).slice(path.length + 2));
}

/** One line, nothing a terminal would interpret or hide: no control, format or line-separator characters. */
const PRINTABLE_LINE = /^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u;

const scratch = mkdtempSync(join(tmpdir(), 'bad-stations-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the corpus of broken station files', () => {
  it('has an expected verdict for every file, and a file for every verdict', () => {
    expect(badFiles.length).toBeGreaterThanOrEqual(70);
    expect(Object.keys(expected).sort()).toEqual(badFiles);
    console.log(`[corpus] ${badFiles.length} broken station files on disk`);
  });

  it.each(badFiles)('%s is refused with its expected lines', async (name) => {
    const lines = await linesFor(join(badDir, name));
    expect(lines).not.toEqual(['OK']);
    expect(lines).toEqual(expected[name]);
    for (const line of lines) {
      expect(line).toMatch(PRINTABLE_LINE);
      expect(line.length).toBeLessThan(900);
    }
  });

  it.each(readdirSync(join(fixtures, 'good-stations')).sort())('good-stations/%s is accepted (a byte order mark and CRLF line ends are fine)', async (name) => {
    const result = await loadStationConfig(join(fixtures, 'good-stations', name));
    expect(result.ok).toBe(true);
  });

  it('reports a syntax error after a byte order mark at the line and column an editor shows', async () => {
    const withBom = readFileSync(join(badDir, 'bom-then-error.json'));
    expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [line] = await linesFor(join(badDir, 'bom-then-error.json'));
    const text = withBom.subarray(3).toString('utf8');
    const lineNumber = text.split('\n').findIndex((row) => row.trim() === '"en"') + 1;
    expect(line).toContain(`at line ${lineNumber}, column 7:`);
  });
});

describe('files that are no station file at all', () => {
  it('refuses a 50 MB file from its size, without reading it', async () => {
    const path = join(scratch, 'huge.json');
    writeFileSync(path, '{"tiles": [');
    truncateSync(path, 50 * 1024 * 1024); // sparse: the size is real, the disk is not used
    const started = Date.now();
    const lines = await linesFor(path);
    const ms = Date.now() - started;
    expect(lines).toEqual(['(file): is 52428800 bytes (50.0 MB); a file here may be at most 1048576 bytes (1.0 MB) (is it the right file?)']);
    console.log(`[corpus] 50 MB file refused in ${ms} ms`);
  });

  it('refuses a file just over the limit, and a million tiles never reach the schema', async () => {
    const path = join(scratch, 'just-over.json');
    writeFileSync(path, `{"name": "${'x'.repeat(MAX_STATION_FILE_BYTES - 11)}"}`);
    expect(await linesFor(path)).toEqual([`(file): is ${MAX_STATION_FILE_BYTES + 1} bytes (1.0 MB); a file here may be at most 1048576 bytes (1.0 MB) (is it the right file?)`]);
    const many = join(scratch, 'many-tiles.json');
    writeFileSync(many, `{"tiles": [${Array.from({ length: 20_000 }, () => '1').join(',')}]}`);
    expect(await linesFor(many)).toEqual(['tiles: has 20000 entries; no list in a station file may have more than 1000']);
  });

  it('refuses a folder, a device and a missing file with one line each', async () => {
    const folder = join(scratch, 'folder.json');
    mkdirSync(folder);
    expect(await linesFor(folder)).toEqual(['(file): is not a regular file (a folder)']);
    expect(await linesFor('/dev/zero')).toEqual(['(file): is not a regular file (a device or pipe)']);
    expect(await linesFor(join(scratch, 'absent.json'))).toEqual(['(file): file not found']);
  });
});
