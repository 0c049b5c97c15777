import type { OpenSiteDialog } from '../../core/dialogs/site-dialog-bridge';
import type { SiteDialogKind } from '../../core/dialogs/site-dialogs';
import type { CdpPort } from '../cdp/file-chooser';

/**
 * The two ways a shell meets a site's dialog, turned into the bridge's
 * `OpenSiteDialog`: Playwright's `Dialog` (Chromium shell) and the DevTools
 * protocol's `Page.javascriptDialogOpening` (Electron's `webContents.debugger`).
 * Structural types: nothing here imports playwright-core or Electron.
 */

/** What the Chromium shell's `page.on('dialog')` hands over. */
export interface PlaywrightDialogLike {
  type(): string;
  message(): string;
  defaultValue(): string;
  accept(promptText?: string): Promise<void>;
  dismiss(): Promise<void>;
}

/**
 * `askingUrl` is the address of the frame that asked (dialog-frames.ts pairs it with
 * Playwright's dialog), or '' when it cannot be told: the panel then names no host.
 */
export function fromPlaywrightDialog(dialog: PlaywrightDialogLike, askingUrl: string): OpenSiteDialog | null {
  const kind = dialogKind(dialog.type());
  if (kind === null) return null;
  return {
    request: { kind, message: dialog.message(), defaultPrompt: dialog.defaultValue(), host: hostOf(askingUrl) },
    answer: (answer) => (answer.accept ? dialog.accept(answer.promptText) : dialog.dismiss()),
  };
}

/**
 * Under Electron: intercepts the page's dialogs through the DevTools protocol
 * (`Page.enable` makes Chromium send them to the debugger instead of showing
 * its own) and answers with `Page.handleJavaScriptDialog`. Returns the stop function.
 */
export async function interceptCdpDialogs(cdp: CdpPort, opened: (dialog: OpenSiteDialog) => void): Promise<() => void> {
  const handler = (params: Record<string, unknown>) => {
    const kind = dialogKind(String(params.type));
    if (kind === null) {
      void cdp.send('Page.handleJavaScriptDialog', { accept: false }).catch(() => undefined);
      return;
    }
    opened({
      request: { kind, message: String(params.message ?? ''), defaultPrompt: String(params.defaultPrompt ?? ''), host: hostOf(String(params.url ?? '')) },
      answer: async (answer) => {
        await cdp.send('Page.handleJavaScriptDialog', answer.promptText === undefined ? { accept: answer.accept } : { accept: answer.accept, promptText: answer.promptText });
      },
    });
  };
  cdp.on('Page.javascriptDialogOpening', handler);
  await cdp.send('Page.enable');
  return () => cdp.off('Page.javascriptDialogOpening', handler);
}

function dialogKind(type: string): SiteDialogKind | null {
  return type === 'alert' || type === 'confirm' || type === 'prompt' || type === 'beforeunload' ? type : null;
}

/** Only the host is ever kept (the log names hosts, never addresses). */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
