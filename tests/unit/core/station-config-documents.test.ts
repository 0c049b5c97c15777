import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConfigProblem, parseStationConfig } from '../../../main/core/config/parse-config';

/** The station file's `documents` keys (issue 13): A4 printer queue, USB folder, scanner, scan size limit. */
const demoText = readFileSync(join(__dirname, '..', '..', '..', 'kiosk-config', 'demo.json'), 'utf8');

function withDocuments(documents: unknown) {
  const config = JSON.parse(demoText) as Record<string, unknown>;
  config.documents = documents;
  return parseStationConfig(JSON.stringify(config), 'kiosk-config/station.json');
}

describe('station file: documents', () => {
  it('accepts the A4 printer queue, the USB folder, the scanner and the scan size limit', () => {
    const result = withDocuments({
      a4Printer: { queue: 'accueil-a4', label: { fr: "Imprimante de l'accueil" } },
      removableMediaFolder: '/media/borne',
      scanner: { device: 'escl:https://192.168.1.20:443', resolution: 150, color: false },
      scanMaxKilobytes: 2048,
    });
    expect(result.ok && result.config.documents).toEqual({
      a4Printer: { queue: 'accueil-a4', label: { fr: "Imprimante de l'accueil" } },
      removableMediaFolder: '/media/borne',
      scanner: { device: 'escl:https://192.168.1.20:443', resolution: 150, color: false },
      scanMaxKilobytes: 2048,
    });
    expect(withDocuments({}).ok).toBe(true);
  });

  it('names each bad key precisely', () => {
    const result = withDocuments({ a4Printer: { queue: 'mon imprimante' }, removableMediaFolder: 'media/borne', scanner: { resolution: 5000 }, scanMaxKilobytes: 10, scaner: {} });
    if (result.ok) throw new Error('expected the file to be refused');
    const lines = result.problems.map(formatConfigProblem).join('\n');
    expect(lines).toContain('documents.a4Printer.queue: must be a CUPS queue name');
    expect(lines).toContain('documents.removableMediaFolder: must be an absolute path');
    expect(lines).toMatch(/documents\.scanner\.device: /);
    expect(lines).toMatch(/documents\.scanner\.resolution: /);
    expect(lines).toMatch(/documents\.scanMaxKilobytes: /);
    expect(lines).toMatch(/scaner/);
  });
});
