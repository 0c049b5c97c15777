import { notPerformed, WIPE_STEPS, type RequiredWipeStep, type WipeOperation, type WipeOperations, type WipeStepName } from '../../main/core/wipe/wipe-steps';

/**
 * A test shell's wipe: the given operations; the required steps otherwise do
 * nothing, and every other step is stated as not performed by a test shell.
 */
export function testWipeOperations(performed: Partial<Record<WipeStepName, WipeOperation>> = {}): WipeOperations {
  const required = new Set<string>(WIPE_STEPS.filter((step) => 'required' in step).map((step) => step.name));
  const entries = WIPE_STEPS.map(({ name }) => [name, performed[name] ?? (required.has(name) ? () => undefined : notPerformed('a test shell has nothing to erase there'))]);
  return Object.fromEntries(entries) as Record<RequiredWipeStep, WipeOperation> & WipeOperations;
}
