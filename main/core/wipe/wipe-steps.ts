import type { WipeStep } from './wipe-sequence';

/**
 * The wipe's steps, named once for both shells, in the order they run. Each
 * shell supplies an operation for every name (a `WipeOperations` record: a
 * missing name does not compile), or says explicitly, with a reason, that it
 * need not or cannot perform it: nothing is skipped in silence.
 *
 * `required` steps have no "not performed": every shell must cut the visitor
 * off, give the next one a fresh site, and prove it clean.
 *
 * `deferred` steps may finish after the next visitor's home screen is shown:
 * what they erase is already out of every visitor's reach. They still decide
 * the wipe's outcome: when one fails, the station goes out of order.
 */
export const WIPE_STEPS = [
  { name: 'end-visitor-site', deferred: false, required: true, erases: "the visitor's site leaves the screen and gets no more input; what it reports no longer speaks for anyone" },
  { name: 'close-attachments', deferred: false, erases: "the file picker's watch on the USB key folder and a scan in progress: nothing of the picker outlives the visit" },
  { name: 'close-visitor-pages', deferred: false, erases: "the visitor's pages: nothing of them runs any more" },
  { name: 'clear-site-storage', deferred: false, erases: 'cookies, local and session storage, IndexedDB, service workers, cache storage, of every origin (third-party frames included)' },
  { name: 'clear-site-caches', deferred: false, erases: 'the HTTP, authentication, host resolver and code caches (what was visited, and a login a cache could replay)' },
  { name: 'close-connections', deferred: false, erases: 'open connections, which could carry a logged-in session to the next visitor' },
  { name: 'clear-clipboard', deferred: false, erases: 'what the visitor copied or selected (the clipboard and the selections)' },
  { name: 'reset-lock-keys', deferred: false, erases: 'Caps Lock left on (the next visitor would type a wrong password); Num Lock back as the station started' },
  { name: 'forget-in-kiosk-ui', deferred: false, erases: "what a visitor left in the kiosk UI's browser, which lives all day: other windows, cookies, storage, a selection, crash dumps" },
  { name: 'delete-downloads', deferred: false, erases: "the visitor's downloaded files (an attestation, a payslip)" },
  { name: 'delete-attachments', deferred: false, erases: "the visitor's documents given to a site: copies taken from the USB key or the visit's downloads, and scans" },
  { name: 'new-visitor-site', deferred: false, required: true, erases: 'nothing: the next visitor gets a site surface of their own, on a fresh browser context' },
  { name: 'verify-clean', deferred: false, required: true, erases: 'nothing: the proof that nothing of the leaving visitor is within the next one\'s reach' },
  { name: 'release-visitor-browser', deferred: true, erases: "nothing a visitor can reach: the ended browser's bookkeeping" },
  { name: 'delete-visitor-profile', deferred: true, erases: "the leaving visitor's browser profile on disk (its storage, caches and downloads), unreachable meanwhile: each browser has its own folder and file: is refused" },
  { name: 'verify-erased', deferred: true, erases: "nothing: the proof that the leaving visitor's profile is gone from the disk" },
  { name: 'verify-next-site', deferred: true, erases: "nothing: after a visit shorter than a browser's start, the next visitor's browser is taken and proved clean here, once started (no démarche opens before); the home screen did not wait for it" },
  { name: 'prepare-next-browser', deferred: true, erases: "nothing: starts the browser of the visitor after next, once the last one is gone, so its start does not compete with the home screen" },
] as const satisfies readonly WipeStepDefinition[];

/**
 * Steps the kiosk controller performs itself, the same in every shell: what the
 * core keeps of a visit outside the browser. `first` ones run before the shell's
 * steps, `last` ones after its immediate steps (the site is gone by then, so
 * nothing new can start).
 */
export const KIOSK_WIPE_STEPS = [
  { name: 'end-site-dialogs', when: 'first', erases: "the site's questions on screen or waiting: answered safely (nothing is accepted in the visitor's name), and the next visitor starts with none" },
  { name: 'purge-print-jobs', when: 'last', erases: "the visitor's print jobs: cancelled if not printed, and purged from CUPS (its spooled copy and its history)" },
] as const satisfies readonly { readonly name: string; readonly when: 'first' | 'last'; readonly erases: string }[];

export type KioskWipeStepName = (typeof KIOSK_WIPE_STEPS)[number]['name'];

/** What the controller supplies for its own steps. */
export type KioskWipeOperations = { readonly [name in KioskWipeStepName]: WipeOperation | NotPerformed };

export interface WipeStepDefinition {
  readonly name: string;
  readonly deferred: boolean;
  /** No shell may leave it out. */
  readonly required?: true;
  /** What the step erases (or proves), and so why it is there. */
  readonly erases: string;
}

export type WipeStepName = (typeof WIPE_STEPS)[number]['name'];
export type RequiredWipeStep = Extract<(typeof WIPE_STEPS)[number], { required: true }>['name'];

export const WIPE_STEP_NAMES: readonly WipeStepName[] = WIPE_STEPS.map((step) => step.name);

/** A shell's way of performing a step. */
export type WipeOperation = () => Promise<void> | void;

/** A step a shell does not perform, and why (what does the job instead, or why there is nothing to erase). */
export interface NotPerformed {
  readonly notPerformed: string;
}

export function notPerformed(reason: string): NotPerformed {
  return { notPerformed: reason };
}

/** What a shell supplies for the wipe: one entry for every named step, an operation for each required one. */
export type WipeOperations = { readonly [name in WipeStepName]: name extends RequiredWipeStep ? WipeOperation : WipeOperation | NotPerformed };

export interface WipePlan {
  /** Run before the home screen comes back. */
  immediate: WipeStep[];
  /** Run right after it (see WIPE_STEPS). */
  deferred: WipeStep[];
  /** The steps this shell does not perform, with its reasons. */
  notPerformed: { name: WipeStepName | KioskWipeStepName; reason: string }[];
}

/**
 * The steps to run, in the core's order, from a shell's operations. Fails
 * closed: an entry that is neither an operation nor a reason (a shell written
 * around the types) becomes a step that fails, so the station goes out of order.
 */
export function planWipe(operations: WipeOperations, kiosk?: KioskWipeOperations): WipePlan {
  const plan: WipePlan = { immediate: [], deferred: [], notPerformed: [] };
  const last: WipeStep[] = [];
  if (kiosk !== undefined) {
    for (const { name, when } of KIOSK_WIPE_STEPS) {
      const operation: unknown = kiosk[name];
      if (isNotPerformed(operation)) {
        plan.notPerformed.push({ name, reason: operation.notPerformed });
        continue;
      }
      const run: WipeStep['run'] =
        typeof operation === 'function' ? () => asPromise(operation as WipeOperation) : () => Promise.reject(new Error(`${name}: the kiosk supplies no operation and no reason`));
      (when === 'first' ? plan.immediate : last).push({ name, run });
    }
  }
  for (const step of WIPE_STEPS) {
    const { name, deferred } = step;
    const operation: unknown = operations[name];
    if (isNotPerformed(operation) && !('required' in step)) {
      plan.notPerformed.push({ name, reason: operation.notPerformed });
      continue;
    }
    const run: WipeStep['run'] =
      typeof operation === 'function'
        ? () => asPromise(operation as WipeOperation)
        : () => Promise.reject(new Error(`${name}: the shell supplies no operation${'required' in step ? ' for a required step' : ' and no reason'}`));
    (deferred ? plan.deferred : plan.immediate).push({ name, run });
  }
  plan.immediate.push(...last);
  return plan;
}

/** The operation's outcome as a promise, a synchronous throw as a rejection (no extra turn of the event loop). */
function asPromise(operation: WipeOperation): Promise<void> {
  try {
    const result = operation();
    return result instanceof Promise ? result : Promise.resolve();
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

function isNotPerformed(value: unknown): value is NotPerformed {
  if (typeof value !== 'object' || value === null || !('notPerformed' in value)) return false;
  const reason = (value as { notPerformed: unknown }).notPerformed;
  return typeof reason === 'string' && reason.trim() !== '';
}
