import { basename, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { formatConfigProblem } from '../core/config/parse-config';
import { checkNewPin } from '../core/staff/pin-policy';
import { loadStationConfig } from '../node/load-config';
import { defaultConfigPath } from '../node/paths';
import { staffPaths } from '../node/staff-files';
import { hashPin, writePinFile } from '../node/staff-pin';

/**
 * `npm run set-pin -- --config kiosk-config/FILE.json`: asks the new staff PIN twice
 * (not shown while typed), refuses a short or trivial one, and writes its scrypt hash
 * to the file the station file names in `staff.pinFile`. The PIN itself is written nowhere.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { config: { type: 'string' } }, allowPositionals: false });
  const stationFile = resolve(values.config ?? process.env.KIOSK_CONFIG ?? defaultConfigPath());
  const loaded = await loadStationConfig(stationFile);
  if (!loaded.ok) {
    for (const problem of loaded.problems) process.stderr.write(`${formatConfigProblem(problem)}\n`);
    process.stderr.write('Corrigez d\'abord le fichier de station / fix the station file first.\n');
    return 1;
  }
  const { pinFile } = staffPaths(loaded.config, stationFile);
  if (pinFile === null) {
    const suggested = `${basename(stationFile, '.json')}.pin.json`;
    process.stderr.write(
      `${stationFile} ne nomme pas de fichier de code PIN. Ajoutez-y / add to it:\n  "staff": { "pinFile": "${suggested}" }\npuis relancez / then run again: npm run set-pin -- --config ${values.config ?? stationFile}\n`,
    );
    return 1;
  }

  const input = lineReader();
  try {
    const first = await input.ask('Nouveau code PIN du personnel (au moins 6 chiffres) / new staff PIN: ');
    const refusal = checkNewPin(first ?? '');
    if (first === null || refusal !== null) {
      process.stderr.write(`Refusé / refused: ${refusal?.message ?? 'aucune saisie / no input'}\n`);
      return 1;
    }
    const second = await input.ask('Le même code, encore une fois / the same PIN again: ');
    if (second !== first) {
      process.stderr.write('Les deux saisies diffèrent : rien n\'a été changé / the two entries differ: nothing changed.\n');
      return 1;
    }
    await writePinFile(pinFile, await hashPin(first));
    process.stdout.write(`Code PIN enregistré (empreinte scrypt) dans / PIN hash written to ${pinFile}\n`);
    return 0;
  } finally {
    input.close();
  }
}

/**
 * Lines from the terminal without echo (raw mode, nothing printed as keys are typed),
 * or plain lines from a pipe for scripted installs.
 */
function lineReader(): { ask(prompt: string): Promise<string | null>; close(): void } {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    return {
      ask: (prompt) =>
        new Promise((done) => {
          // Echo off before the prompt shows, so nothing typed after it can appear.
          stdin.setRawMode(true);
          process.stdout.write(prompt);
          let typed = '';
          stdin.resume();
          stdin.setEncoding('utf8');
          const finish = (value: string | null) => {
            stdin.off('data', onData);
            stdin.setRawMode(false);
            stdin.pause();
            process.stdout.write('\n');
            done(value);
          };
          const onData = (chunk: string) => {
            for (const char of chunk) {
              if (char === '\r' || char === '\n') return finish(typed);
              if (char === '\u0003' || char === '\u0004') return finish(null); // Ctrl+C, Ctrl+D
              if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
              else typed += char;
            }
          };
          stdin.on('data', onData);
        }),
      close: () => undefined,
    };
  }
  const lines = createInterface({ input: stdin, terminal: false });
  const queue: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let ended = false;
  lines.on('line', (line) => {
    const next = waiting.shift();
    if (next !== undefined) next(line);
    else queue.push(line);
  });
  lines.on('close', () => {
    ended = true;
    for (const next of waiting.splice(0)) next(null);
  });
  return {
    ask: (prompt) => {
      process.stdout.write(prompt);
      const line = queue.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (ended) return Promise.resolve(null);
      return new Promise((done) => waiting.push(done));
    },
    close: () => lines.close(),
  };
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`set-pin: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}\n`);
    process.exitCode = 1;
  },
);
