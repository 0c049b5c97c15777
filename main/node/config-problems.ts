import { formatConfigProblem, type ConfigProblem } from '../core/config/parse-config';
import type { KioskLog } from '../core/log';

/**
 * A station file that does not validate: one log line per problem, each
 * naming the file, the key and what is wrong. The log goes to the console,
 * which the service manager keeps (journald), so one line serves both.
 */
export function reportConfigProblems(problems: readonly ConfigProblem[], log: KioskLog): void {
  for (const problem of problems) {
    log.error('config-invalid', { problem: formatConfigProblem(problem) });
  }
}
