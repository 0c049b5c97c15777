/**
 * The way into staff mode lives in the contract (contract/way-in.ts): the kiosk UI
 * runs these state machines on its own pointer and key events. Re-exported here,
 * beside the rest of staff mode.
 */
export * from '../contract/way-in';
