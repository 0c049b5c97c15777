import type { GuideSide, KioskApi } from '../../main/core/contract/kiosk-api';
import type { KeyboardInput } from '../../main/core/contract/keyboard';
import type { KioskView } from '../../main/core/contract/kiosk-view';
import type { TextSize } from '../../main/core/contract/text-size';

/** `window.kiosk`, or null when the page was opened outside the kiosk shell. */
export function kioskApi(): KioskApi | null {
  const candidate: unknown = (window as Partial<Window>).kiosk;
  if (typeof candidate !== 'object' || candidate === null) return null;
  const api = candidate as Partial<KioskApi>;
  return typeof api.getView === 'function' && typeof api.onViewChanged === 'function' ? (api as KioskApi) : null;
}

export interface ViewSink {
  receiveView(view: KioskView): void;
  markBridgeUnavailable(): void;
}

/**
 * Subscribes first, then asks for the current view, so no change can slip between
 * the two; a view pushed while getView() was pending is newer and wins.
 * Returns the unsubscribe function.
 */
export async function connectToKiosk(sink: ViewSink, api: KioskApi | null = kioskApi()): Promise<() => void> {
  if (api === null) {
    sink.markBridgeUnavailable();
    return () => {};
  }
  let pushed = false;
  let unsubscribe: () => void = () => {};
  try {
    unsubscribe = api.onViewChanged((view) => {
      pushed = true;
      sink.receiveView(view);
    });
    const view = await api.getView();
    if (!pushed) sink.receiveView(view);
  } catch (error: unknown) {
    console.error('[kiosk-ui] cannot reach the main process', error);
    unsubscribe();
    sink.markBridgeUnavailable();
    return () => {};
  }
  return unsubscribe;
}

/** Calls one action of the main process; a failure is logged, the main process stays in charge. */
function run(call: (api: KioskApi) => Promise<void>): void {
  const api = kioskApi();
  if (api === null) return;
  call(api).catch((error: unknown) => {
    console.error('[kiosk-ui] action failed', error);
  });
}

export const kioskActions = {
  openTile: (tileId: string) => run((api) => api.openTile(tileId)),
  goHome: () => run((api) => api.goHome()),
  requestEndSession: () => run((api) => api.requestEndSession()),
  confirmEndSession: () => run((api) => api.confirmEndSession()),
  dismissOverlay: () => run((api) => api.dismissOverlay()),
  stillHere: () => run((api) => api.stillHere()),
  retrySite: () => run((api) => api.retrySite()),
  openMemo: () => run((api) => api.openMemo()),
  setGuidePanel: (open: boolean, side: GuideSide) => run((api) => api.setGuidePanel(open, side)),
  openForgottenPassword: () => run((api) => api.openForgottenPassword()),
  typeOnSite: (input: KeyboardInput) => run((api) => api.typeOnSite(input)),
  hideKeyboard: () => run((api) => api.hideKeyboard()),
  setTextSize: (size: TextSize) => run((api) => api.setTextSize(size)),
};
