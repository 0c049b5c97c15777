import type { Clock } from '../clock';

/**
 * The wipe: the ordered steps that make a station forget its visitor. Each
 * shell supplies the steps it can perform; this runner gives every step a
 * deadline, runs the later steps even when one fails (erase as much as
 * possible), and reports. Any failed step means the station must not serve
 * the next visitor.
 */
export interface WipeStep {
  name: string;
  run(): Promise<void>;
  /**
   * May finish after the next visitor's home screen is shown: what it erases is
   * already out of every visitor's reach (a hidden browser that no longer gets
   * input, and its folder). It still decides the wipe's outcome: when it fails,
   * the station goes out of order.
   */
  deferred?: boolean;
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

export async function runWipe(
  steps: readonly WipeStep[],
  clock: Clock,
  stepTimeoutMs: number = DEFAULT_STEP_TIMEOUT_MS,
): Promise<WipeReport> {
  const started = clock.now();
  const results: WipeStepResult[] = [];
  for (const step of steps) {
    const stepStarted = clock.now();
    try {
      await withDeadline(step.run(), stepTimeoutMs, clock, step.name);
      results.push({ name: step.name, ok: true, ms: clock.now() - stepStarted });
    } catch (error) {
      results.push({ name: step.name, ok: false, ms: clock.now() - stepStarted, error: describeError(error) });
    }
  }
  return { ok: results.every((result) => result.ok), ms: clock.now() - started, steps: results };
}

function withDeadline(work: Promise<void>, ms: number, clock: Clock, name: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = clock.setTimeout(() => reject(new Error(`${name} did not finish within ${ms} ms`)), ms);
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
