import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LANGUAGE_CODES, type LanguageCode } from '../core/config/languages';
import { formatConfigProblem } from '../core/config/parse-config';
import type { StationConfig, Tile } from '../core/config/station-config';
import { buildMemo } from '../core/memo/memo-document';
import { encodeDocument } from '../core/printer/encoder';
import { findProfile, PRINTER_PROFILES } from '../core/printer/profiles';
import { testPageDocument } from '../core/printer/test-page';
import { loadStationConfig } from '../node/load-config';
import { defaultConfigPath } from '../node/paths';
import { memoToA4Html } from '../node/memo-a4';
import { makeQrMatrix } from '../node/qr-matrix';
import { htmlToPdfWithChromium } from '../shells/chromium/html-to-pdf';
import { SerialPrinter } from '../printer/serial-printer';

/**
 * `npm run memo -- --profile NAME --services caf,anef,ants --out FILE [--port PATH]`
 * writes the exact bytes of a memo (or, with --test-page, of a profile's test
 * page) to a file, and with --port prints them, so staff can test a printer
 * from a terminal and anyone can inspect what is sent.
 * `npm run memo -- --a4 [--services caf,anef] --out memo.pdf` writes the A4 memo
 * (the ordinary printer's) as a PDF, every service of the station by default.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      profile: { type: 'string' },
      services: { type: 'string' },
      out: { type: 'string' },
      port: { type: 'string' },
      baud: { type: 'string' },
      config: { type: 'string' },
      language: { type: 'string', default: 'fr' },
      'test-page': { type: 'boolean', default: false },
      a4: { type: 'boolean', default: false },
    },
  });
  if (values.a4) return writeA4(values);
  const profile = findProfile(values.profile ?? '');
  if (profile === undefined) {
    process.stderr.write(`--profile must be one of ${PRINTER_PROFILES.map((known) => known.id).join(', ')}\n`);
    return 2;
  }
  if (values.out === undefined && values.port === undefined) {
    process.stderr.write('usage: npm run memo -- --profile NAME (--services caf,anef | --test-page) [--out FILE] [--port /dev/ttyUSB0]\n');
    return 2;
  }
  const station = await loadStation(values);
  if (typeof station === 'number') return station;
  const { config, language } = station;
  let document;
  if (values['test-page']) {
    document = testPageDocument(profile, config.station.name, makeQrMatrix);
  } else {
    const services = memoServices(station, values.services ?? '');
    if (typeof services === 'number') return services;
    document = buildMemo({ stationName: config.station.name, helpText: config.station.helpText, date: new Date(), services, language, makeQr: makeQrMatrix }).document;
  }
  const bytes = encodeDocument(document, profile);
  if (values.out !== undefined) {
    await writeFile(values.out, bytes);
    process.stdout.write(`${values.out}: ${bytes.length} bytes for ${profile.id}\n`);
  }
  if (values.port !== undefined) {
    const printer = new SerialPrinter({ path: values.port, baudRate: Number(values.baud ?? profile.serial.baudRate), flowControl: profile.serial.flowControl });
    await printer.start();
    const outcome = await printer.print(bytes);
    await printer.stop();
    if (!outcome.ok) {
      process.stderr.write(`${outcome.staffMessage}\n`);
      return 1;
    }
    process.stdout.write(`${values.port}: printed ${outcome.bytes} bytes in ${outcome.ms} ms\n`);
  }
  return 0;
}

/** The A4 memo as a PDF, made by the distribution's Chromium like the station's ordinary printer does. */
async function writeA4(values: { services?: string; out?: string; config?: string; language?: string }): Promise<number> {
  if (values.out === undefined) {
    process.stderr.write('usage: npm run memo -- --a4 [--services caf,anef] --out memo.pdf\n');
    return 2;
  }
  const station = await loadStation(values);
  if (typeof station === 'number') return station;
  const { config, language } = station;
  const services = memoServices(station, values.services ?? config.tiles.filter((tile) => tile.memo !== undefined).map((tile) => tile.id).join(','));
  if (typeof services === 'number') return services;
  const memo = buildMemo({ stationName: config.station.name, helpText: config.station.helpText, date: new Date(), services, language, makeQr: makeQrMatrix });
  const chromiumPath = process.env.KIOSK_CHROMIUM_PATH ?? config.shell.chromiumPath ?? '/usr/bin/chromium';
  const pdf = await htmlToPdfWithChromium(chromiumPath)(memoToA4Html(memo.document));
  await writeFile(values.out, pdf);
  process.stdout.write(`${values.out}: A4 memo, ${services.length} services, ${pdf.length} bytes (PDF)\n`);
  return 0;
}

interface LoadedStation {
  config: StationConfig;
  configPath: string;
  language: LanguageCode;
}

/** The memo's language and the station file, for both kinds of memo; or the exit code, once what is wrong is said. */
async function loadStation(values: { config?: string; language?: string }): Promise<LoadedStation | number> {
  const language = (values.language ?? 'fr') as LanguageCode;
  if (!(LANGUAGE_CODES as readonly string[]).includes(language)) {
    process.stderr.write(`--language must be one of ${LANGUAGE_CODES.join(', ')}\n`);
    return 2;
  }
  const configPath = resolve(values.config ?? defaultConfigPath());
  const loaded = await loadStationConfig(configPath);
  if (!loaded.ok) {
    for (const problem of loaded.problems) process.stderr.write(`${formatConfigProblem(problem)}\n`);
    return 1;
  }
  return { config: loaded.config, configPath, language };
}

/** The station's services named in `named` (ids, comma-separated), each with memo information; or the exit code, once what is wrong is said. */
function memoServices({ config, configPath }: LoadedStation, named: string): Tile[] | number {
  const withMemo = config.tiles.filter((tile) => tile.memo !== undefined);
  const ids = named.split(',').map((id) => id.trim()).filter((id) => id !== '');
  const unknown = ids.filter((id) => !withMemo.some((tile) => tile.id === id));
  if (ids.length === 0 || unknown.length > 0) {
    process.stderr.write(`--services: ${unknown.length > 0 ? `unknown or without memo information: ${unknown.join(', ')}` : 'name at least one'} (${configPath} has: ${withMemo.map((tile) => tile.id).join(', ')})\n`);
    return 2;
  }
  return ids.flatMap((id) => withMemo.filter((tile) => tile.id === id));
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`memo: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    process.exitCode = 1;
  },
);
