import { checkChoice, parseAccept, type AcceptRule, type AttachmentLimits, type AttachmentProblem, DEFAULT_ATTACHMENT_LIMITS } from '../../core/attachments/accept';

/**
 * A site's `<input type=file>` answered by the kiosk instead of the native
 * file chooser, through the DevTools protocol: `Page.setInterceptFileChooserDialog`
 * stops the native dialog, `Page.fileChooserOpened` says which input asked
 * (its `accept` read with `DOM.describeNode`), and `DOM.setFileInputFiles`
 * gives it the chosen files, as if the visitor had picked them.
 *
 * Written against a minimal session shape so both shells use it: the
 * Chromium shell's CDP session (playwright-core's CDPSession fits as is) and
 * Electron's `webContents.debugger` (through `electronDebuggerPort`).
 */

export interface CdpPort {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  on(event: string, handler: (params: Record<string, unknown>) => void): void;
  off(event: string, handler: (params: Record<string, unknown>) => void): void;
}

export interface FileChooserRequest {
  /** The input element, for `handOver`. */
  readonly backendNodeId: number;
  readonly multiple: boolean;
  readonly accept: AcceptRule;
  /** The attribute as the site wrote it (for the staff log when nothing fits; never shown raw). */
  readonly acceptText: string;
}

/**
 * Starts intercepting the page's file choosers; `onRequest` gets each one.
 * Returns the function that stops (the native dialog then stays refused by
 * the lockdown, never shown).
 */
export async function interceptFileChoosers(cdp: CdpPort, onRequest: (request: FileChooserRequest) => void, onError: (error: Error) => void = () => undefined): Promise<() => Promise<void>> {
  const handler = (params: Record<string, unknown>) => {
    const backendNodeId = Number(params.backendNodeId);
    const multiple = params.mode === 'selectMultiple';
    if (!Number.isInteger(backendNodeId)) {
      onError(new Error('Page.fileChooserOpened without an input element'));
      return;
    }
    void describeAccept(cdp, backendNodeId).then(
      (acceptText) => onRequest({ backendNodeId, multiple, accept: parseAccept(acceptText), acceptText }),
      (error: unknown) => onError(error instanceof Error ? error : new Error(String(error))),
    );
  };
  cdp.on('Page.fileChooserOpened', handler);
  await cdp.send('Page.enable');
  await cdp.send('DOM.enable');
  await cdp.send('Page.setInterceptFileChooserDialog', { enabled: true });
  return async () => {
    cdp.off('Page.fileChooserOpened', handler);
    await cdp.send('Page.setInterceptFileChooserDialog', { enabled: false }).catch(() => undefined);
  };
}

async function describeAccept(cdp: CdpPort, backendNodeId: number): Promise<string> {
  const described = (await cdp.send('DOM.describeNode', { backendNodeId })) as { node?: { attributes?: string[] } };
  const attributes = described.node?.attributes ?? [];
  for (let index = 0; index + 1 < attributes.length; index += 2) {
    if (attributes[index]?.toLowerCase() === 'accept') return attributes[index + 1] ?? '';
  }
  return '';
}

export interface HandedFile {
  /** A file in the visitor's folder (copied there from the USB key, the scanner's output, a download). */
  readonly path: string;
  readonly name: string;
  readonly size: number;
}

/**
 * Gives the chosen files to the input, after the checks (types the input
 * accepts, single or multiple, the kiosk's size limits). Returns the problems
 * instead when there are any; nothing reaches the site then.
 */
export async function handOver(cdp: CdpPort, request: FileChooserRequest, files: readonly HandedFile[], limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS): Promise<{ ok: true } | { ok: false; problems: AttachmentProblem[] }> {
  const problems = checkChoice(files, request.accept, request.multiple, limits);
  if (problems.length > 0) return { ok: false, problems };
  await cdp.send('DOM.setFileInputFiles', { files: files.map((file) => file.path), backendNodeId: request.backendNodeId });
  return { ok: true };
}

/** Electron's `webContents.debugger`, as far as this bridge needs it (no Electron import: structural). */
export interface ElectronDebuggerLike {
  isAttached(): boolean;
  attach(protocolVersion?: string): void;
  sendCommand(method: string, params?: Record<string, unknown>): Promise<unknown>;
  on(event: 'message', listener: (event: unknown, method: string, params: Record<string, unknown>) => void): unknown;
  removeListener(event: 'message', listener: (event: unknown, method: string, params: Record<string, unknown>) => void): unknown;
}

/** Electron's debugger as a CdpPort: attaches once, routes protocol events by name. */
export function electronDebuggerPort(debuggerObject: ElectronDebuggerLike): CdpPort {
  if (!debuggerObject.isAttached()) debuggerObject.attach('1.3');
  const handlers = new Map<string, Set<(params: Record<string, unknown>) => void>>();
  const listener = (_event: unknown, method: string, params: Record<string, unknown>) => {
    for (const handler of handlers.get(method) ?? []) handler(params);
  };
  debuggerObject.on('message', listener);
  return {
    send: (method, params) => debuggerObject.sendCommand(method, params),
    on(event, handler) {
      const set = handlers.get(event) ?? new Set();
      set.add(handler);
      handlers.set(event, set);
    },
    off(event, handler) {
      handlers.get(event)?.delete(handler);
      if ([...handlers.values()].every((set) => set.size === 0)) debuggerObject.removeListener('message', listener);
    },
  };
}
