// `npm test`: type check, lint, build, unit tests (Vitest), end-to-end tests
// (Playwright on the distribution's Chromium, and on Electron where installed).
// Ends with one line "tests: N passed, N failed, N skipped" summing both runners.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const results = mkdtempSync(join(tmpdir(), 'kiosk-test-results-'));
const run = (label, command, args, env = {}) => {
  console.log(`\n== ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const outcome = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`== ${label}: ${outcome.status === 0 ? 'ok' : `FAILED (exit ${outcome.status ?? outcome.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return outcome.status === 0;
};

const steps = [
  ['type check', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['config schema up to date', 'node', ['dist-dev/cli/write-config-schema.cjs', '--check']],
];
let ok = true;
for (const [label, command, args] of steps) {
  if (!run(label, command, args)) {
    ok = false;
    break;
  }
}

const counts = { passed: 0, failed: 0, skipped: 0 };
if (ok) {
  const vitestJson = join(results, 'vitest.json');
  ok = run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]) && ok;
  if (existsSync(vitestJson)) {
    const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
    counts.passed += report.numPassedTests;
    counts.failed += report.numFailedTests;
    counts.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  }
  const playwrightJson = join(results, 'playwright.json');
  ok = run('end-to-end tests', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson }) && ok;
  if (existsSync(playwrightJson)) {
    const stats = JSON.parse(readFileSync(playwrightJson, 'utf8')).stats;
    counts.passed += stats.expected + stats.flaky;
    counts.failed += stats.unexpected;
    counts.skipped += stats.skipped;
  }
}
console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(ok ? 0 : 1);
