import { beforeEach, describe, expect, it } from 'vitest';
import { KIOSK_ACTION_TABLE } from '../../../main/core/contract/actions';
import { KIOSK_ACTIONS, type KioskAction } from '../../../main/core/contract/kiosk-api';
import type { KioskLog } from '../../../main/core/log';
import { MemoDesk, type MemoPrinter } from '../../../main/core/memo/memo-desk';
import type { PrintDocument } from '../../../main/core/printer/document';
import { ActionArgumentsError, dispatchKioskAction } from '../../../main/core/session/dispatch-action';
import { KioskController } from '../../../main/core/session/kiosk-controller';
import type { StationConfig } from '../../../main/core/config/station-config';
import { demoStationConfig } from '../../../main/dev-tools/training-sites/demo-config';
import { FakeClock } from '../../support/fake-clock';
import { RecordingShell } from '../../support/recording-shell';

/**
 * Malformed calls of the kiosk contract, table-driven, against a real KioskController
 * and MemoDesk (only the shell and the printer are recorded): each is refused with
 * ActionArgumentsError, which both shells turn into a refused call, and leaves no
 * trace: nothing opened, nothing printed, no new view.
 */
const QuietShell = RecordingShell;
type QuietShell = RecordingShell;

class RecordingPrinter implements MemoPrinter {
  readonly kind = 'receipt';
  printed: PrintDocument[] = [];
  print(document: PrintDocument) {
    this.printed.push(document);
    return Promise.resolve({ ok: true as const });
  }
}

const log: KioskLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const qr = () => ({ size: 1, modules: [true] });

let config: StationConfig;
let shell: QuietShell;
let printer: RecordingPrinter;
let controller: KioskController;

beforeEach(async () => {
  const demo = demoStationConfig(8470, { timeoutSeconds: 60, warningSeconds: 20 });
  // A fourth tile without a memo: it must not be printable either.
  const { memo: _memo, ...withoutMemo } = { ...demo.tiles[0]!, id: 'sans-memo' };
  config = { ...demo, tiles: [...demo.tiles, withoutMemo] };
  shell = new QuietShell();
  printer = new RecordingPrinter();
  const clock = new FakeClock();
  controller = new KioskController(config, shell, clock, log, { memo: new MemoDesk(config, printer, qr, clock, log) });
  await controller.start();
  await controller.openMemo();
});

const hostile = ['', 'x'.repeat(100_000), '__proto__', 'constructor', '../../etc/passwd', 'CAF', 'caf ', ' caf', 'caf\n', 'café', 'ca*', 'caf;rm'];
const notStrings: unknown[] = [null, undefined, 0, 1, -1, NaN, true, false, {}, [], { id: 'caf' }, () => 'caf', Symbol('caf')];
const notLanguages: unknown[] = ['xx', 'FR', 'fr-FR', 'fr_FALC', '', 'x'.repeat(1000), null, 1, ['fr'], { fr: true }];

const rows: [string, KioskAction, unknown[]][] = [
  // openTile: one well-formed id, nothing else
  ['openTile without an id', 'openTile', []],
  ['openTile with two ids', 'openTile', ['caf', 'anef']],
  // (a well-formed id that is no tile, such as "constructor", is not malformed: openTile ignores it, see below)
  ...hostile.filter((id) => id !== 'constructor').map((id): [string, KioskAction, unknown[]] => [`openTile(${JSON.stringify(id.slice(0, 20))}…)`, 'openTile', [id]]),
  ...notStrings.map((value): [string, KioskAction, unknown[]] => [`openTile(${typeof value})`, 'openTile', [value]]),
  // the memo: only this station's memo services, each once, in a known language
  ['previewMemo with an id that is no tile', 'previewMemo', [['nope'], 'fr']],
  ['previewMemo with a tile that has no memo', 'previewMemo', [['sans-memo'], 'fr']],
  ['previewMemo with the same id twice', 'previewMemo', [['caf', 'caf'], 'fr']],
  ['previewMemo with 50 copies of one id', 'previewMemo', [Array<string>(50).fill('caf'), 'fr']],
  ['printMemo with an id that is no tile', 'printMemo', [['nope'], 'fr']],
  ['printMemo with a good id and an unknown one', 'printMemo', [['caf', 'nope'], 'fr']],
  ['printMemo with a tile that has no memo', 'printMemo', [['sans-memo'], 'fr']],
  ['printMemo with the same id twice', 'printMemo', [['caf', 'anef', 'caf'], 'fr']],
  ['printMemo with 50 copies of one id', 'printMemo', [Array<string>(50).fill('caf'), 'fr']],
  ['printMemo with 1000 ids', 'printMemo', [Array.from({ length: 1000 }, (_, i) => `t${i}`), 'fr']],
  ['printMemo with nothing to print', 'printMemo', [[], 'fr']],
  ['printMemo with a string instead of a list', 'printMemo', ['caf', 'fr']],
  ['printMemo without a language', 'printMemo', [['caf']]],
  ['printMemo with an extra argument', 'printMemo', [['caf'], 'fr', 'again']],
  ['printMemo with a list-like object', 'printMemo', [{ 0: 'caf', length: 1 }, 'fr']],
  ...hostile.map((id): [string, KioskAction, unknown[]] => [`printMemo([${JSON.stringify(id.slice(0, 20))}…])`, 'printMemo', [[id], 'fr']]),
  ...notStrings.map((value): [string, KioskAction, unknown[]] => [`printMemo([${typeof value}])`, 'printMemo', [[value], 'fr']]),
  ...notLanguages.map((language): [string, KioskAction, unknown[]] => [`printMemo(language ${JSON.stringify(language) ?? typeof language})`, 'printMemo', [['caf'], language]]),
  ...hostile.map((id): [string, KioskAction, unknown[]] => [`previewMemo([${JSON.stringify(id.slice(0, 20))}…])`, 'previewMemo', [[id], 'fr']]),
  ...notStrings.map((value): [string, KioskAction, unknown[]] => [`previewMemo([${typeof value}])`, 'previewMemo', [[value], 'fr']]),
  ...notLanguages.map((language): [string, KioskAction, unknown[]] => [`previewMemo(language ${JSON.stringify(language) ?? typeof language})`, 'previewMemo', [['caf'], language]]),
  // the guide panel
  ['setGuidePanel without arguments', 'setGuidePanel', []],
  ['setGuidePanel with "true"', 'setGuidePanel', ['true', 'left']],
  ['setGuidePanel with side "up"', 'setGuidePanel', [true, 'up']],
  ['setGuidePanel with side "LEFT"', 'setGuidePanel', [true, 'LEFT']],
  ['setGuidePanel with 1 for true', 'setGuidePanel', [1, 'left']],
  ['setGuidePanel with an extra argument', 'setGuidePanel', [true, 'left', 'x']],
  // the on-screen keyboard
  ['typeOnSite without input', 'typeOnSite', []],
  ['typeOnSite with a bare string', 'typeOnSite', ['a']],
  ['typeOnSite with a whole text', 'typeOnSite', [{ kind: 'text', text: 'mot de passe' }]],
  ['typeOnSite with empty text', 'typeOnSite', [{ kind: 'text', text: '' }]],
  ['typeOnSite with a control character', 'typeOnSite', [{ kind: 'text', text: '\u001b' }]],
  ['typeOnSite with a newline', 'typeOnSite', [{ kind: 'text', text: '\n' }]],
  ['typeOnSite with an unknown key', 'typeOnSite', [{ kind: 'key', key: 'F12' }]],
  ['typeOnSite with an extra field', 'typeOnSite', [{ kind: 'key', key: 'Enter', ctrl: true }]],
  ['typeOnSite with an unknown kind', 'typeOnSite', [{ kind: 'paste', text: 'a' }]],
  ['typeOnSite with null', 'typeOnSite', [null]],
  ['typeOnSite with a list', 'typeOnSite', [['a']]],
  // the PIN pad: 6 to 12 digits as a string, nothing else (never hashed, never counted as a try)
  ['staffPinSubmit without a PIN', 'staffPinSubmit', []],
  ['staffPinSubmit with 5 digits', 'staffPinSubmit', ['12345']],
  ['staffPinSubmit with 13 digits', 'staffPinSubmit', ['1234567890123']],
  ['staffPinSubmit with a megabyte of digits', 'staffPinSubmit', ['7'.repeat(1_000_000)]],
  ['staffPinSubmit with a letter', 'staffPinSubmit', ['12345a']],
  ['staffPinSubmit with a space', 'staffPinSubmit', ['123 456']],
  ['staffPinSubmit with Arabic-Indic digits', 'staffPinSubmit', ['١٢٣٤٥٦']],
  ['staffPinSubmit with a number', 'staffPinSubmit', [482913]],
  ['staffPinSubmit with a trailing newline', 'staffPinSubmit', ['482913\n']],
  ['staffPinSubmit with two PINs', 'staffPinSubmit', ['482913', '482913']],
  // actions that take nothing (staff actions are refused before their arguments: see staff-mode.test.ts)
  ...KIOSK_ACTIONS.filter((action) => KIOSK_ACTION_TABLE[action].caller === 'visitor' && !['openTile', 'previewMemo', 'printMemo', 'setGuidePanel', 'typeOnSite', 'staffPinSubmit'].includes(action)).flatMap(
    (action): [string, KioskAction, unknown[]][] => [
      [`${action} with an argument`, action, ['x']],
      [`${action} with null`, action, [null]],
      [`${action} with two arguments`, action, [{}, {}]],
    ],
  ),
];

describe('malformed calls of the kiosk contract', () => {
  it('has a large table', () => {
    expect(rows.length).toBeGreaterThanOrEqual(140);
    console.log(`[corpus] ${rows.length} malformed contract calls`);
  });

  it.each(rows)('refuses %s, and nothing happens', async (_name, action, args) => {
    const viewsBefore = shell.views.length;
    await expect(dispatchKioskAction(controller, action, args)).rejects.toBeInstanceOf(ActionArgumentsError);
    expect(printer.printed).toEqual([]);
    expect(shell.opened).toEqual([]);
    expect(shell.typed).toEqual([]);
    expect(shell.views.length).toBe(viewsBefore);
  });

  it('openTile with a well-formed id that is no tile opens nothing', async () => {
    for (const id of ['constructor', 'nope', 'sans-memo-2']) await dispatchKioskAction(controller, 'openTile', [id]);
    expect(shell.opened).toEqual([]);
  });

  it('the well-formed calls next to them work (the table does not refuse everything)', async () => {
    const preview = (await dispatchKioskAction(controller, 'previewMemo', [['anef', 'caf'], 'fr'])) as { document: PrintDocument };
    expect(JSON.stringify(preview.document)).toContain('anef.entrainement.localhost');
    await expect(dispatchKioskAction(controller, 'previewMemo', [[], 'fr'])).resolves.toBeDefined(); // the empty preview of a new visitor
    await expect(dispatchKioskAction(controller, 'printMemo', [['caf', 'anef', 'ants'], 'en'])).resolves.toEqual({ ok: true });
    expect(printer.printed).toHaveLength(1);
    await dispatchKioskAction(controller, 'dismissOverlay', []);
    await dispatchKioskAction(controller, 'openTile', ['caf']);
    expect(shell.opened).toHaveLength(1);
  });
});
