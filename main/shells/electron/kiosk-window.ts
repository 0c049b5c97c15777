import { BrowserWindow, WebContentsView } from 'electron';
import type { Session, WebContents } from 'electron';
import { IPC_VIEW_CHANNEL } from '../../core/contract/kiosk-api';
import type { KioskView } from '../../core/contract/kiosk-view';
import { layoutRects, type ScreenSize } from '../../core/contract/layout';
import type { KioskLog } from '../../core/log';
import type { KioskLayout } from '../../core/shell';
import { guardWebContents } from './guards';
import { installZoomLock } from './keyboard';
import type { KioskRegistry } from './registry';
import { installUiRecovery } from './ui-recovery';
import { UI_ENTRY_URL } from './ui-protocol';

export interface KioskWindowOptions {
  /** The UI's own in-memory session, whose protocol serves kiosk://app/. */
  uiSession: Session;
  preloadPath: string;
  /** Developer tools for the kiosk UI only, on a developer's machine (KIOSK_DEVTOOLS=1, unpackaged). */
  uiDevTools: boolean;
  registry: KioskRegistry;
  /** Where a crashed or hung kiosk UI is reported. */
  log?: KioskLog;
}

/**
 * The full-screen kiosk window: the trusted UI view, and beside or below it
 * (every layout but `full`, as contract/layout.ts places them) the visitor's
 * site view, which the shell swaps at every wipe. The visitor cannot close,
 * minimise, resize it or take it out of full screen.
 */
export class KioskWindow {
  readonly window: BrowserWindow;
  readonly uiView: WebContentsView;
  private siteView: WebContentsView | null = null;
  private layout: KioskLayout = 'full';
  /** The content size last seen, for a window already destroyed (at quit). */
  private lastSize: ScreenSize = { width: 0, height: 0 };
  private latestView: KioskView | null = null;
  private closeAllowed = false;

  constructor(options: KioskWindowOptions) {
    this.window = new BrowserWindow({
      kiosk: true,
      fullscreen: true,
      frame: false,
      minimizable: false,
      maximizable: false,
      movable: false,
      autoHideMenuBar: true,
      backgroundColor: '#ffffff',
      show: false,
      // The window's own page stays blank under the views; lock it down all the same.
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false, spellcheck: false },
    });
    this.window.on('close', (event) => {
      // Alt+F4 from the compositor, a stray close(): only a deliberate quit closes the kiosk.
      if (!this.closeAllowed) event.preventDefault();
    });
    this.window.on('resize', () => this.applyLayout());
    // Whatever takes the window out of its kiosk full screen (the window manager, the end
    // of a page's HTML full screen), it goes back; a minimised kiosk is restored.
    this.window.on('leave-full-screen', () => this.restoreFullScreen());
    this.window.on('leave-html-full-screen', () => this.restoreFullScreen());
    this.window.on('minimize', () => {
      if (!this.closeAllowed && !this.window.isDestroyed()) this.window.restore();
    });

    this.uiView = new WebContentsView({
      webPreferences: {
        session: options.uiSession,
        preload: options.preloadPath,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        devTools: options.uiDevTools,
        safeDialogs: true,
      },
    });
    const ui = this.uiView.webContents;
    options.registry.registerKioskUi(ui);
    guardWebContents(ui, options.registry);
    installZoomLock(ui);
    installUiRecovery(ui, options.log);
    // A reloaded UI (crash, developer reload) gets the current view at once.
    ui.on('did-finish-load', () => {
      if (this.latestView !== null) ui.send(IPC_VIEW_CHANNEL, this.latestView);
    });
    this.uiView.setBackgroundColor('#ffffff');
    this.window.contentView.addChildView(this.uiView);
    this.applyLayout();
  }

  get uiContents(): WebContents {
    return this.uiView.webContents;
  }

  /** Loads the kiosk UI and shows the window. */
  async open(): Promise<void> {
    this.window.show();
    await this.uiContents.loadURL(UI_ENTRY_URL);
  }

  setLayout(layout: KioskLayout): void {
    this.layout = layout;
    this.applyLayout();
    // Keys go to the site whenever it is on screen, else to the kiosk UI.
    const focused = layout !== 'full' && this.siteView !== null ? this.siteView.webContents : this.uiContents;
    if (!focused.isDestroyed()) focused.focus();
  }

  /** Puts a new visitor's site view in the window, beneath the UI; hidden while the layout is `full`. */
  attachSiteView(view: WebContentsView): void {
    this.siteView = view;
    view.setVisible(false);
    this.window.contentView.addChildView(view);
    this.applyLayout();
  }

  detachSiteView(view: WebContentsView): void {
    this.window.contentView.removeChildView(view);
    if (this.siteView === view) this.siteView = null;
  }

  /** Sends the view to the kiosk UI, and keeps it for a UI that reloads. */
  sendView(view: KioskView): void {
    this.latestView = view;
    if (!this.uiContents.isDestroyed()) this.uiContents.send(IPC_VIEW_CHANNEL, view);
  }

  /** The window's content area, which the two views share (the whole screen in kiosk mode). */
  contentSize(): ScreenSize {
    if (this.window.isDestroyed()) return { ...this.lastSize };
    const [width = 0, height = 0] = this.window.getContentSize();
    this.lastSize = { width, height };
    return { width, height };
  }

  /** Called on a deliberate quit (service stop, staff action): the window may close. */
  allowClose(): void {
    this.closeAllowed = true;
  }

  private restoreFullScreen(): void {
    // After the window manager has finished leaving: setting it during the transition is lost.
    setImmediate(() => {
      if (this.closeAllowed || this.window.isDestroyed()) return;
      if (!this.window.isKiosk()) this.window.setKiosk(true);
      if (!this.window.isFullScreen()) this.window.setFullScreen(true);
    });
  }

  private applyLayout(): void {
    if (this.window.isDestroyed()) return;
    const bounds = layoutRects(this.layout, this.contentSize());
    this.uiView.setBounds(bounds.ui);
    const site = this.siteView;
    if (site === null) return;
    if (bounds.site === null) {
      site.setVisible(false);
      return;
    }
    site.setBounds(bounds.site);
    site.setVisible(true);
    // Re-adding a child moves it to the top: should the two ever meet, the kiosk UI is above.
    this.window.contentView.addChildView(this.uiView);
  }
}
