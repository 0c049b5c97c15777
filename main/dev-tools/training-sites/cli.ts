// Command line entry of the training sites server.
// Usage: cli [--port N] [--host H]   (defaults: port 8470, host 127.0.0.1)

import { startTrainingServer } from './server';

const DEFAULT_PORT = 8470;
const DEFAULT_HOST = '127.0.0.1';

interface CliOptions {
  port: number;
  host: string;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { port: DEFAULT_PORT, host: DEFAULT_HOST };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
    let value: string | undefined;
    if (name !== arg) {
      value = arg.slice(equals + 1);
    } else if (name === '--port' || name === '--host') {
      index += 1;
      value = argv[index];
    }
    if (name === '--port') {
      const port = Number(value);
      if (value === undefined || !/^\d+$/.test(value) || port > 65535) {
        throw new UsageError(`Port invalide / Invalid port: ${value ?? '(manquant / missing)'}`);
      }
      options.port = port;
    } else if (name === '--host') {
      if (value === undefined || value === '') {
        throw new UsageError('Hôte manquant / Missing host after --host');
      }
      options.host = value;
    } else {
      throw new UsageError(`Option inconnue / Unknown option: ${arg} (usage: --port N --host H)`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const running = await startTrainingServer({ port: options.port, host: options.host }).catch(
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE') {
        throw new UsageError(
          `Le port ${options.port} est déjà utilisé / Port ${options.port} is already in use.`,
        );
      }
      throw error;
    },
  );
  console.log(`Sites d'entraînement : ${running.origin('caf')}/ (Ctrl+C pour arrêter)`);

  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    running.close().catch((error: unknown) => {
      console.error(`Erreur à l'arrêt / Error while stopping: ${describe(error)}`);
      process.exitCode = 1;
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  console.error(
    error instanceof UsageError ? error.message : `Erreur / Error: ${describe(error)}`,
  );
  process.exitCode = 1;
});
