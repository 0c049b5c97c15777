/**
 * The staff capability: what a staff session presents to call a `caller: 'staff'`
 * action (contract/actions.ts). It is an object of the main process, known by
 * identity: nothing that crosses a process boundary (an IPC argument, a
 * binding's argument) is ever the same object, so the kiosk UI cannot hold one,
 * whatever it sends. Granted to a staff session (after its PIN), revoked when
 * the session ends.
 */
export interface StaffCapability {
  readonly kind: 'staff-capability';
}

const granted = new WeakSet<object>();

export function grantStaffCapability(): StaffCapability {
  const capability: StaffCapability = Object.freeze({ kind: 'staff-capability' });
  granted.add(capability);
  return capability;
}

/** From now on the capability opens nothing (the staff session ended). */
export function revokeStaffCapability(capability: StaffCapability): void {
  granted.delete(capability);
}

export function holdsStaffCapability(value: unknown): value is StaffCapability {
  return typeof value === 'object' && value !== null && granted.has(value);
}
