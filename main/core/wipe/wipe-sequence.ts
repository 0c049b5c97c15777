import type { Clock, TimerHandle } from '../clock';
import type { KioskLog } from '../log';

/**
 * The wipe's runner: the steps that make a station forget its visitor (named in
 * wipe-steps.ts, supplied by each shell) run in order, each with a deadline; the
 * later steps run even when one fails (erase as much as possible), and a report
 * says how each went. Any failed step means the station must not serve the next
 * visitor. A step that runs long is logged while it runs and when it ends, with
 * its name and its time only (anonymous).
 */
export interface WipeStep {
  name: string;
  run(): Promise<void>;
}

export interface WipeStepResult {
  name: string;
  ok: boolean;
  ms: number;
  /** An anonymous description of what went wrong (never page content). */
  error?: string;
}

export interface WipeReport {
  ok: boolean;
  ms: number;
  steps: WipeStepResult[];
}

export const DEFAULT_STEP_TIMEOUT_MS = 10_000;
/** A step still running after this long is logged as slow (a whole wipe takes a few hundred ms). */
export const SLOW_STEP_MS = 2_000;

export interface WipeRunOptions {
  stepTimeoutMs?: number;
  slowStepMs?: number;
  /** Where slow and timed-out steps are told. */
  log?: KioskLog;
}

export async function runWipe(steps: readonly WipeStep[], clock: Clock, options: WipeRunOptions = {}): Promise<WipeReport> {
  const stepTimeoutMs = options.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  const slowStepMs = options.slowStepMs ?? SLOW_STEP_MS;
  const log = options.log ?? SILENT;
  const started = clock.now();
  const results: WipeStepResult[] = [];
  for (const step of steps) {
    const stepStarted = clock.now();
    let slow = false;
    const slowWatch: TimerHandle | null =
      options.log === undefined || slowStepMs >= stepTimeoutMs
        ? null
        : clock.setTimeout(() => {
            slow = true;
            log.warn('wipe-step-slow', { step: step.name, ms: clock.now() - stepStarted });
          }, slowStepMs);
    let result: WipeStepResult;
    let timedOut = false;
    try {
      await withDeadline(step.run(), stepTimeoutMs, clock, step.name);
      result = { name: step.name, ok: true, ms: clock.now() - stepStarted };
    } catch (error) {
      result = { name: step.name, ok: false, ms: clock.now() - stepStarted, error: describeError(error) };
      timedOut = error instanceof DeadlineError;
      if (timedOut) log.error('wipe-step-timed-out', { step: step.name, ms: result.ms });
    }
    if (slowWatch !== null) clock.clearTimeout(slowWatch);
    // Its end, or its deadline (logged above), says how long the slow step took.
    if (slow && !timedOut) log.warn('wipe-step-slow-done', { step: step.name, ms: result.ms, ok: result.ok });
    results.push(result);
  }
  return { ok: results.every((result) => result.ok), ms: clock.now() - started, steps: results };
}

const SILENT: KioskLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

class DeadlineError extends Error {}

function withDeadline(work: Promise<void>, ms: number, clock: Clock, name: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(new DeadlineError(`${name} did not finish within ${ms} ms`)), ms);
    work.then(
      () => {
        clock.clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clock.clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // One line, bounded: the report goes to the log and the staff screen.
  return message.split('\n')[0]?.slice(0, 200) ?? 'unknown error';
}
