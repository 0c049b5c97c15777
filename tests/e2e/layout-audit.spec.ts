import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { LanguageCode } from '../../main/core/config/languages';
import type { AttachFile, AttachPicker } from '../../main/core/contract/attach';
import type { KioskView, StationInfo } from '../../main/core/contract/kiosk-view';
import { guideFitsBeside, type ScreenSize } from '../../main/core/contract/layout';
import { stationInfo } from '../../main/core/session/kiosk-controller';
import { readShippedConfig } from '../../main/node/load-config';
import { kioskView, launchUiBrowser, openKioskUi, type KioskUi } from './ui-harness';
import { printPanel, siteQuestion } from './overlay-samples';

/**
 * The layout audit: every screen and panel of the built kiosk UI, on three
 * screen sizes, in French, easy French, Arabic and Ukrainian, at the three text
 * sizes (and high contrast), judged by what a visitor sees. A case fails on
 * - text clipped by its container or running out of its box (an ellipsis counts);
 * - a horizontal scroll bar;
 * - a panel's primary action (print, confirm, "Je suis encore là", close) not
 *   fully on screen and uncovered without scrolling;
 * - a control smaller than 48 × 48 px;
 * - "Terminer ma session" not whole (icon and words, at most two lines, uncovered)
 *   wherever a visitor is present;
 * - the home of the shipped 8-tile station not showing every tile at 1280×800 and
 *   more at normal text; the guide column keeping less than half the height for the guide.
 * A screenshot of each failing case is saved under test-results/layout-audit/
 * (KIOSK_AUDIT_SHOTS=all: of every case, under test-results/layout-audit/all/).
 *
 * One browser and one page for everything: screen size, language and text size
 * are set through the harness and the UI (as a visitor does), never by relaunching.
 */

const SCREENS: readonly ScreenSize[] = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
const LANGUAGES: readonly LanguageCode[] = ['fr', 'fr-FALC', 'ar', 'uk'];
type TextVariant = { size: 'normal' | 'large' | 'larger'; contrast: boolean };
const TEXT_VARIANTS: readonly TextVariant[] = [
  { size: 'normal', contrast: false },
  { size: 'large', contrast: false },
  { size: 'larger', contrast: false },
  { size: 'larger', contrast: true },
];

const SHOTS_DIR = join('test-results', 'layout-audit');

/** The station the kiosk ships with (kiosk-config/default.json: 8 services), with a receipt printer. */
const shippedConfig = readShippedConfig('default.json');
const station: StationInfo = stationInfo(shippedConfig, 'receipt');
const demoStation: StationInfo = stationInfo(readShippedConfig('demo.json'), 'receipt');
const withOfflineTile: StationInfo = { ...station, tiles: station.tiles.map((tile) => (tile.id === 'anef' ? { ...tile, needsConnection: true } : tile)) };

interface Context {
  screen: ScreenSize;
  language: LanguageCode;
  text: TextVariant;
}

/** What a screen must satisfy beyond the checks made everywhere. */
interface Expectations {
  /** A visitor is on this screen: "Terminer ma session" must be whole. */
  visitor: boolean;
  /** Selectors of the panel's primary actions, to be fully visible without scrolling. */
  primary?: string[];
  /** Every tile on screen without scrolling. */
  allTiles?: boolean;
  /** The guide's scroll area keeps at least half the window's height. */
  guideHalf?: boolean;
}

interface AuditScreen {
  name: string;
  view: (context: Context) => KioskView;
  act?: (ui: KioskUi, context: Context) => Promise<void>;
  expect: (context: Context) => Expectations;
  /** Some screens do not exist on every screen size (the guide beside the site needs 1200 px). */
  applies?: (context: Context) => boolean;
}

const rtl = (language: LanguageCode) => language === 'ar';
const onSite = (patch: Partial<KioskView> = {}, tileId = 'caf'): KioskView =>
  kioskView(station, { screen: { name: 'site', tileId, loading: false }, openedTiles: [tileId], ...patch });
const guideView = (context: Context): KioskView =>
  guideFitsBeside(context.screen) ? onSite({ layout: rtl(context.language) ? 'guide-right' : 'guide-left', guideOpen: true }) : onSite({ layout: 'full', guideOpen: true });
const visitor = (primary?: string[]): Expectations => ({ visitor: true, ...(primary === undefined ? {} : { primary }) });
const DIALOG_ACTIONS = ['[data-overlay] .dialog-actions .button'];

/** The kiosk's file picker (issue 13): names as long as visitors' files get, both sources, the scanner. */
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const attachFile = (id: number, name: string, type: string, size: number, source: AttachFile['source'] = 'usb'): AttachFile => ({ id: `f${id}`, source, name, type, size, picture: type.startsWith('image/') });
const PICKER: AttachPicker = {
  multiple: true,
  kinds: ['PDF', 'JPEG', 'PNG'],
  maxFileBytes: 20 * 1024 * 1024,
  visit: [attachFile(1, 'attestation-de-paiement-caf-novembre-2026.pdf', 'application/pdf', 84_000, 'visit'), attachFile(2, 'document-scanne.pdf', 'application/pdf', 412_000, 'visit')],
  usb: {
    state: 'ready',
    files: [
      attachFile(3, 'avis-d-imposition-2026-sur-les-revenus-2025-foyer.pdf', 'application/pdf', 1_450_000),
      attachFile(4, 'photo-identite.jpg', 'image/jpeg', 230_000),
      attachFile(5, 'justificatif_de_domicile_quittance_loyer_octobre.png', 'image/png', 1_900_000),
      attachFile(6, 'releve-identite-bancaire.pdf', 'application/pdf', 52_000),
    ],
    truncated: true,
  },
  scanner: true,
  scan: null,
  lastScanned: null,
};


/** A station with an A4 printer: the toolbar offers "Imprimer" over every page, the guide open beside it too. */
const printingStation: StationInfo = { ...station, a4Printer: true };

const AUDIT_SCREENS: AuditScreen[] = [
  { name: 'guide-with-page-print', view: (context) => ({ ...guideView(context), station: printingStation }), expect: () => visitor(['[data-action="print-shown-document"]']) },
  { name: 'site-strip-document', view: () => onSite({ layout: 'toolbar', screen: { name: 'site', tileId: 'anef', loading: false, document: true } }, 'anef'), expect: () => visitor(['[data-action="print-shown-document"]']) },
  { name: 'site-dialog-alert', view: () => onSite({ overlay: siteQuestion('alert') }), expect: () => visitor(DIALOG_ACTIONS) },
  { name: 'site-dialog-storm', view: () => onSite({ overlay: siteQuestion('confirm', true) }), expect: () => visitor(DIALOG_ACTIONS) },
  { name: 'site-dialog-prompt', view: () => onSite({ overlay: siteQuestion('prompt') }), expect: () => visitor(DIALOG_ACTIONS) },
  { name: 'site-dialog-leave', view: () => onSite({ overlay: siteQuestion('beforeunload') }), expect: () => visitor(DIALOG_ACTIONS) },
  { name: 'a4-print-ready', view: () => onSite({ overlay: printPanel() }), expect: () => visitor(DIALOG_ACTIONS) },
  { name: 'a4-print-out-of-paper', view: () => onSite({ overlay: printPanel({ stage: 'done', outcome: 'out-of-paper' }) }), expect: () => visitor(DIALOG_ACTIONS) },
  { name: 'a4-print-no-printer', view: () => onSite({ overlay: printPanel({ stage: 'done', document: null, outcome: 'no-printer' }) }), expect: () => visitor(DIALOG_ACTIONS) },
  // A station that cannot print, with a USB key folder: the offer, and its longest answers.
  { name: 'a4-print-no-printer-usb', view: () => onSite({ overlay: printPanel({ stage: 'done', document: null, outcome: 'no-printer', usb: 'offered' }) }), expect: () => visitor(['[data-action="save-to-usb"]', ...DIALOG_ACTIONS]) },
  { name: 'a4-print-usb-no-key', view: () => onSite({ overlay: printPanel({ stage: 'done', document: null, outcome: 'no-printer', usb: 'no-key' }) }), expect: () => visitor(['[data-action="save-to-usb"]', ...DIALOG_ACTIONS]) },
  { name: 'a4-print-usb-saved', view: () => onSite({ overlay: printPanel({ stage: 'done', document: null, outcome: 'no-printer', usb: 'saved' }) }), expect: () => visitor(DIALOG_ACTIONS) },

  {
    name: 'home',
    view: () => kioskView(station),
    expect: ({ screen, text }) => ({ visitor: true, allTiles: text.size === 'normal' && screen.width >= 1280 }),
  },
  { name: 'home-demo', view: () => kioskView(demoStation), expect: () => visitor() },
  { name: 'home-wiped', view: () => kioskView(station, { screen: { name: 'home', notice: 'wiped-after-idle' } }), expect: () => visitor() },
  { name: 'home-offline', view: () => kioskView(withOfflineTile, { connectivity: 'offline' }), expect: () => visitor() },
  {
    name: 'home-help',
    view: () => kioskView(station),
    act: async (ui) => {
      await ui.page.locator('[data-action="help"]').click();
      await ui.page.locator('[data-panel="help"]').waitFor();
    },
    expect: () => visitor(),
  },
  {
    name: 'language-panel',
    view: () => kioskView(station),
    act: async (ui) => {
      await ui.page.locator('[data-action="languages"]').click();
      await ui.page.locator('[data-panel="languages"]').waitFor();
    },
    expect: () => visitor(['[data-panel="languages"] .panel-head .button', '[data-panel="languages"] [data-language]']),
  },
  {
    name: 'display-panel',
    view: () => kioskView(station),
    act: async (ui) => {
      await ui.page.locator('[data-action="display"]').click();
      await ui.page.locator('[data-panel="display"]').waitFor();
    },
    expect: () => visitor(['[data-panel="display"] .panel-head .button', '[data-panel="display"] [data-text-size]', '[data-panel="display"] [data-action="contrast"]']),
  },
  { name: 'site-strip', view: () => onSite({ layout: 'toolbar' }), expect: () => visitor() },
  { name: 'site-strip-loading', view: () => onSite({ layout: 'toolbar', screen: { name: 'site', tileId: 'anef', loading: true } }, 'anef'), expect: () => visitor() },
  {
    name: 'site-strip-offline',
    view: () => ({ ...onSite({ layout: 'toolbar', connectivity: 'offline' }, 'anef'), station: withOfflineTile }),
    expect: () => visitor(),
  },
  {
    name: 'language-strip',
    view: () => onSite({ layout: 'toolbar' }),
    act: async (ui) => {
      await ui.page.locator('[data-action="languages"]').click();
      await ui.page.locator('.language-strip').waitFor();
    },
    // The strip replaces the toolbar while it is open; its own close button is the way back.
    expect: () => ({ visitor: false, primary: ['.language-strip > .button', '.language-strip [data-language]'] }),
  },
  { name: 'site-keyboard-text', view: () => onSite({ layout: 'toolbar-keyboard', keyboard: 'text' }), expect: () => visitor() },
  { name: 'site-keyboard-email', view: () => onSite({ layout: 'toolbar-keyboard', keyboard: 'email' }), expect: () => visitor() },
  { name: 'site-keyboard-numeric', view: () => onSite({ layout: 'toolbar-keyboard', keyboard: 'numeric' }), expect: () => visitor() },
  {
    name: 'guide-procedures',
    view: guideView,
    expect: (context) => ({ visitor: true, primary: ['[data-action="close-guide"]'], guideHalf: guideFitsBeside(context.screen) }),
  },
  {
    name: 'guide-steps',
    view: guideView,
    act: async (ui) => {
      const first = ui.page.locator('[data-procedure]').first();
      if ((await first.count()) > 0) await first.click();
      const step = ui.page.locator('[data-step="0"] label');
      await step.click();
      await ui.page.locator('[data-step="0"][data-done="true"]').waitFor();
    },
    expect: (context) => ({ visitor: true, primary: ['[data-action="close-guide"]'], guideHalf: guideFitsBeside(context.screen) }),
  },
  {
    name: 'memo',
    view: () => kioskView(station, { openedTiles: ['caf'], overlay: { name: 'memo' } }),
    act: async (ui) => {
      await ui.page.locator('[data-memo-sheet]').waitFor();
    },
    expect: () => visitor(['[data-action="print-memo"]', '[data-overlay="memo"] [data-action="dismiss"]']),
  },
  {
    name: 'memo-all-printed',
    view: () => kioskView(station, { openedTiles: station.tiles.map((tile) => tile.id), overlay: { name: 'memo' } }),
    act: async (ui) => {
      await ui.page.locator('[data-memo-sheet]').waitFor();
      await ui.page.locator('[data-action="print-memo"]').click();
      await ui.page.locator('[data-memo-result="ok"]').waitFor();
    },
    expect: () => visitor(['[data-action="print-memo"]', '[data-overlay="memo"] [data-action="dismiss"]']),
  },
  { name: 'idle-warning', view: () => onSite({ overlay: { name: 'idle-warning', endsAt: Date.now() + 30_000, seconds: 30 } }), expect: () => visitor(DIALOG_ACTIONS) },
  { name: 'idle-warning-home', view: () => kioskView(station, { overlay: { name: 'idle-warning', endsAt: Date.now() + 30_000, seconds: 30 } }), expect: () => visitor(DIALOG_ACTIONS) },
  { name: 'confirm-end', view: () => onSite({ overlay: { name: 'confirm-end' } }), expect: () => visitor(DIALOG_ACTIONS) },
  {
    name: 'refused-host',
    view: () => onSite({ overlay: { name: 'refused', reason: 'host', host: 'connexion.un-site-tres-long-qui-imite-la-caf.example.com' } }),
    expect: () => visitor(DIALOG_ACTIONS),
  },
  { name: 'refused-file-type', view: () => onSite({ overlay: { name: 'refused', reason: 'file-type', host: null } }), expect: () => visitor(DIALOG_ACTIONS) },
  { name: 'unreachable', view: () => onSite({ overlay: { name: 'unreachable', tileId: 'caf' } }), expect: () => visitor(DIALOG_ACTIONS) },
  {
    name: 'offline',
    view: () => ({ ...onSite({ overlay: { name: 'offline', tileId: 'anef' }, connectivity: 'offline' }, 'anef'), station: withOfflineTile }),
    expect: () => visitor(DIALOG_ACTIONS),
  },
  { name: 'external-tel', view: () => onSite({ overlay: { name: 'external-link', link: { kind: 'tel', target: '3230' } } }), expect: () => visitor(DIALOG_ACTIONS) },
  {
    name: 'external-mail',
    view: () => onSite({ overlay: { name: 'external-link', link: { kind: 'mailto', target: 'contact.allocataires@caf.example.fr' } } }),
    expect: () => visitor(DIALOG_ACTIONS),
  },
  {
    name: 'attach-picker',
    view: () => onSite({ overlay: { name: 'attach', picker: PICKER } }),
    act: async (ui) => {
      await ui.page.locator('[data-attach-file="f3"]').click();
      await ui.page.locator('[data-attach-file="f3"][aria-pressed="true"]').waitFor();
    },
    expect: () => visitor(['[data-action="attach-send"]', '[data-overlay="attach"] [data-action="dismiss"]']),
  },
  {
    name: 'attach-empty',
    view: () => onSite({ overlay: { name: 'attach', picker: { ...PICKER, multiple: false, kinds: null, visit: [], usb: { state: 'no-key', files: [], truncated: false }, scanner: false } } }),
    expect: () => visitor(['[data-overlay="attach"] [data-action="dismiss"]']),
  },
  {
    name: 'attach-scan',
    view: () => onSite({ overlay: { name: 'attach', picker: { ...PICKER, scan: { previews: [PIXEL, PIXEL], busy: null, problem: 'too-large', format: 'pdf', maxPages: 10 } } } }),
    expect: () => visitor(['[data-action="scan-finish"]', '[data-action="scan-cancel"]']),
  },
  { name: 'wiping', view: () => kioskView(station, { screen: { name: 'wiping' } }), expect: () => ({ visitor: false }) },
  { name: 'out-of-order-config', view: () => kioskView(null, { screen: { name: 'out-of-order', reason: 'config' } }), expect: () => ({ visitor: false }) },
  { name: 'out-of-order-wipe', view: () => kioskView(station, { screen: { name: 'out-of-order', reason: 'wipe-failed' } }), expect: () => ({ visitor: false }) },
];

interface Problem {
  check: string;
  detail: string;
}

/** Runs in the page: every check of the audit on what is laid out now. */
function measure(expectations: Expectations): Problem[] {
  const problems: Problem[] = [];
  const viewport = { width: window.innerWidth, height: window.innerHeight };
  const slack = 1;
  const name = (element: Element): string => {
    const action = element.getAttribute('data-action') ?? element.getAttribute('data-tile') ?? element.getAttribute('data-language');
    const label = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    const classes = typeof element.className === 'string' && element.className !== '' ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
    return `<${element.tagName.toLowerCase()}${classes}${action === null ? '' : ` "${action}"`}> "${label}"`;
  };
  const out = (element: Element): boolean => element.closest('[inert], .visually-hidden') !== null;
  const shown = (element: Element): boolean => {
    if (element.getClientRects().length === 0) return false;
    const style = getComputedStyle(element);
    return style.visibility !== 'hidden' && style.opacity !== '0';
  };
  const clipsX = (style: CSSStyleDeclaration) => style.overflowX !== 'visible';
  const clipsY = (style: CSSStyleDeclaration) => style.overflowY !== 'visible';
  const scrolls = (value: string) => value === 'auto' || value === 'scroll';
  /** The padding box of a box that clips its content. */
  const clipRect = (element: Element) => {
    const box = element.getBoundingClientRect();
    const html = element as HTMLElement;
    const left = box.left + html.clientLeft;
    const top = box.top + html.clientTop;
    return { left, top, right: left + html.clientWidth, bottom: top + html.clientHeight };
  };

  // Every scroll container back at its start: what the visitor sees without scrolling.
  for (const element of document.querySelectorAll('*')) {
    if (element.scrollTop !== 0) element.scrollTop = 0;
  }

  // 1. Horizontal scroll bars.
  for (const element of [document.documentElement, ...document.querySelectorAll('body *')]) {
    if (out(element) || !shown(element)) continue;
    const style = getComputedStyle(element);
    if (scrolls(style.overflowX) && element.scrollWidth > element.clientWidth + slack) {
      problems.push({ check: 'horizontal scroll', detail: `${name(element)} scrolls sideways (${element.scrollWidth} px of content in ${element.clientWidth} px)` });
    }
  }

  // 2. Text clipped, overflowing its box, or cut by an ellipsis.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const reported = new Set<Element>();
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent === null || (node.textContent ?? '').trim() === '' || out(parent) || !shown(parent) || reported.has(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((rect) => rect.width > 0.5);
    if (rects.length === 0) continue;
    const fontSize = parseFloat(getComputedStyle(parent).fontSize);
    // Glyph boxes are taller than a tight line box: vertical slack of a quarter em.
    const slackY = fontSize * 0.25;
    let block: Element = parent;
    while (block.parentElement !== null && getComputedStyle(block).display.startsWith('inline') && getComputedStyle(block).display !== 'inline-block' && getComputedStyle(block).display !== 'inline-flex') block = block.parentElement;
    const blockBox = block.getBoundingClientRect();
    let problem: string | null = null;
    for (const rect of rects) {
      if (rect.left < -slack || rect.right > viewport.width + slack) problem = `off the window sideways (${Math.round(rect.left)}…${Math.round(rect.right)} of ${viewport.width})`;
      else if (rect.left < blockBox.left - slack || rect.right > blockBox.right + slack) problem = `runs out of its box sideways by ${Math.round(Math.max(blockBox.left - rect.left, rect.right - blockBox.right))} px`;
      else if (rect.top < blockBox.top - slackY || rect.bottom > blockBox.bottom + slackY) problem = `runs out of its box by ${Math.round(Math.max(blockBox.top - rect.top, rect.bottom - blockBox.bottom))} px (height)`;
      if (problem !== null) break;
      // Up to the first box that scrolls in each direction: beyond it, scrolling reaches the text.
      let reachX = false;
      let reachY = false;
      for (let ancestor = parent as Element | null; ancestor !== null && ancestor !== document.documentElement && !(reachX && reachY); ancestor = ancestor.parentElement) {
        const style = getComputedStyle(ancestor);
        if (!clipsX(style) && !clipsY(style)) continue;
        const clip = clipRect(ancestor);
        if (!reachX && clipsX(style) && !scrolls(style.overflowX) && (rect.left < clip.left - slack || rect.right > clip.right + slack)) {
          problem = `cut sideways by ${name(ancestor)}`;
        } else if (!reachY && clipsY(style) && !scrolls(style.overflowY) && (rect.top < clip.top - slackY || rect.bottom > clip.bottom + slackY)) {
          problem = `cut at the top or bottom by ${name(ancestor)}`;
        }
        if (problem !== null) break;
        if (scrolls(style.overflowX)) reachX = true;
        if (scrolls(style.overflowY)) reachY = true;
      }
      if (problem !== null) break;
    }
    if (problem === null) {
      for (let ancestor = parent as Element | null; ancestor !== null && ancestor !== document.body; ancestor = ancestor.parentElement) {
        if (getComputedStyle(ancestor).textOverflow === 'ellipsis' && ancestor.scrollWidth > ancestor.clientWidth + slack) {
          problem = ancestor.closest('button') !== null ? 'ellipsis on a button label' : 'cut by an ellipsis';
          break;
        }
      }
    }
    if (problem !== null) {
      reported.add(parent);
      const inButton = parent.closest('button');
      problems.push({ check: inButton === null ? 'text clipped' : 'button label clipped', detail: `${name(inButton ?? parent)}: "${(node.textContent ?? '').trim().slice(0, 50)}" ${problem}` });
    }
  }

  // 3. Touch targets of at least 48 × 48 px.
  for (const element of document.querySelectorAll('button, [role="button"], [role="switch"], a[href], label[for], select, input')) {
    if (out(element) || !shown(element)) continue;
    const box = element.getBoundingClientRect();
    let width = box.width;
    let height = box.height;
    // A check box counts with its label, which is its target too.
    if (element instanceof HTMLInputElement && element.labels !== null) {
      for (const label of element.labels) {
        const labelBox = label.getBoundingClientRect();
        const union = { left: Math.min(box.left, labelBox.left), right: Math.max(box.right, labelBox.right), top: Math.min(box.top, labelBox.top), bottom: Math.max(box.bottom, labelBox.bottom) };
        // Only when they touch: a label far from its box does not make the box bigger.
        if (labelBox.left <= box.right + 16 && labelBox.right >= box.left - 16) {
          width = Math.max(width, union.right - union.left);
          height = Math.max(height, union.bottom - union.top);
        }
      }
      if (Math.min(box.width, box.height) < 40) problems.push({ check: 'small control', detail: `${name(element)} draws a ${Math.round(box.width)}×${Math.round(box.height)} px box (under 40 px)` });
    }
    if (width < 47.5 || height < 47.5) problems.push({ check: 'small control', detail: `${name(element)} is ${Math.round(width)}×${Math.round(height)} px` });
  }

  /** Fully on screen, inside every scrolling box at its start, and not covered by anything. */
  const fullyVisible = (element: Element): string | null => {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return 'has no size';
    if (box.left < -slack || box.top < -slack || box.right > viewport.width + slack || box.bottom > viewport.height + slack) {
      return `is not fully on screen (${Math.round(box.left)},${Math.round(box.top)} → ${Math.round(box.right)},${Math.round(box.bottom)} in ${viewport.width}×${viewport.height})`;
    }
    for (let ancestor = element.parentElement; ancestor !== null && ancestor !== document.documentElement; ancestor = ancestor.parentElement) {
      const style = getComputedStyle(ancestor);
      if (!clipsX(style) && !clipsY(style)) continue;
      const clip = clipRect(ancestor);
      if (box.left < clip.left - slack || box.right > clip.right + slack || box.top < clip.top - slack || box.bottom > clip.bottom + slack) {
        return `needs scrolling or is cut by ${name(ancestor)}`;
      }
    }
    // The centre and four points well inside the corners (rounded corners are not hit).
    const points = [
      [box.left + box.width / 2, box.top + box.height / 2],
      [box.left + box.width * 0.15, box.top + box.height * 0.25],
      [box.right - box.width * 0.15, box.top + box.height * 0.25],
      [box.left + box.width * 0.15, box.bottom - box.height * 0.25],
      [box.right - box.width * 0.15, box.bottom - box.height * 0.25],
    ];
    for (const [x, y] of points) {
      const hit = document.elementFromPoint(x ?? 0, y ?? 0);
      if (hit === null || (hit !== element && !element.contains(hit))) return `is covered by ${hit === null ? 'nothing hit' : name(hit)}`;
    }
    return null;
  };

  // 4. Primary actions.
  for (const selector of expectations.primary ?? []) {
    const found = [...document.querySelectorAll(selector)].filter((element) => !out(element));
    if (found.length === 0) problems.push({ check: 'primary action', detail: `nothing matches ${selector}` });
    for (const element of found) {
      const why = fullyVisible(element);
      if (why !== null) problems.push({ check: 'primary action', detail: `${name(element)} ${why}` });
    }
  }

  // 5. "Terminer ma session", whole.
  if (expectations.visitor) {
    const buttons = [...document.querySelectorAll('[data-action="end-session"]')].filter((element) => !out(element) && shown(element));
    if (buttons.length !== 1) problems.push({ check: 'end session', detail: `${buttons.length} visible "end session" buttons` });
    for (const button of buttons) {
      const why = fullyVisible(button);
      if (why !== null) problems.push({ check: 'end session', detail: `${name(button)} ${why}` });
      if (button.querySelector('svg') === null) problems.push({ check: 'end session', detail: 'has no icon' });
      // Lines of its words: the tops of the text's line boxes, a few pixels apart at most within a line.
      const tops: number[] = [];
      const texts = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
      for (let text = texts.nextNode(); text !== null; text = texts.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(text);
        for (const rect of range.getClientRects()) {
          if (rect.width > 0.5 && !tops.some((top) => Math.abs(top - rect.top) < 6)) tops.push(rect.top);
        }
      }
      const words = (button.textContent ?? '').trim();
      if (words === '') problems.push({ check: 'end session', detail: 'has no words' });
      if (tops.length > 2) problems.push({ check: 'end session', detail: `"${words}" wraps on ${tops.length} lines` });
    }
  }

  // 6. Every tile without scrolling.
  if (expectations.allTiles === true) {
    for (const tile of document.querySelectorAll('[data-tile]')) {
      const why = fullyVisible(tile);
      if (why !== null) problems.push({ check: 'all tiles', detail: `${name(tile)} ${why}` });
    }
  }

  // 7. Half the height for the guide.
  if (expectations.guideHalf === true) {
    const scroll = document.querySelector('.guide-scroll');
    const height = scroll?.getBoundingClientRect().height ?? 0;
    if (height < viewport.height / 2) problems.push({ check: 'guide height', detail: `the guide keeps ${Math.round(height)} of ${viewport.height} px` });
  }
  return problems;
}

/** As a visitor: the display panel, a text size, maybe high contrast, then closed. */
async function chooseDisplay(page: Page, text: TextVariant): Promise<void> {
  if (text.size === 'normal' && !text.contrast) return;
  await page.locator('[data-action="display"]').click();
  await page.locator(`[data-text-size="${text.size}"]`).click();
  if (text.contrast) await page.locator('[data-action="contrast"]').click();
  await page.locator('[data-panel="display"] .panel-head .button').click();
  await expect(page.locator('html')).toHaveAttribute('data-text-size', text.size);
}

let browser: Browser;
let ui: KioskUi;
let startedAt = 0;
let checked = 0;
const failures: string[] = [];

test.beforeAll(async () => {
  startedAt = performance.now();
  mkdirSync(join(SHOTS_DIR, 'all'), { recursive: true });
  browser = await launchUiBrowser();
  ui = await openKioskUi(browser, { view: kioskView(station), config: shippedConfig });
});

test.afterAll(async () => {
  await browser.close();
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(
    `layout audit: ${checked} cases checked (${AUDIT_SCREENS.length} screens × ${SCREENS.length} sizes × ${LANGUAGES.length} languages × ${TEXT_VARIANTS.length} text settings, less the screens a size cannot show), ${failures.length} failing, in ${seconds} s`,
  );
});

for (const screen of SCREENS) {
  for (const language of LANGUAGES) {
    for (const text of TEXT_VARIANTS) {
      const combo = `${screen.width}x${screen.height} ${language} ${text.size}${text.contrast ? ' high-contrast' : ''}`;
      test(`layout: ${combo}`, async () => {
        const context: Context = { screen, language, text };
        await ui.nextVisitor(kioskView(station));
        await ui.setScreen(screen);
        if (language !== 'fr') await ui.chooseLanguage(language);
        await chooseDisplay(ui.page, text);
        const mine: string[] = [];
        for (const auditScreen of AUDIT_SCREENS) {
          if (auditScreen.applies?.(context) === false) continue;
          // KIOSK_AUDIT_ONLY=<regular expression> audits only the screens it names (while working on a panel).
          if (process.env.KIOSK_AUDIT_ONLY !== undefined && !new RegExp(process.env.KIOSK_AUDIT_ONLY).test(auditScreen.name)) continue;
          // Every screen starts from the home, as the main process would publish it.
          const next = auditScreen.view(context);
          // The same screen and panel again would keep the last one's own state (its panels, its choices):
          // the home comes between, as the main process would publish it.
          if (next.screen.name === ui.view.screen.name && next.overlay.name === ui.view.overlay.name) {
            await ui.pushView({ ...kioskView(station), overlay: { name: next.overlay.name === 'none' ? 'confirm-end' : 'none' }, visitorGeneration: ui.view.visitorGeneration });
          }
          await ui.pushView({ ...next, visitorGeneration: ui.view.visitorGeneration });
          await auditScreen.act?.(ui, context);
          await ui.settle();
          const problems = await ui.page.evaluate(measure, auditScreen.expect(context));
          checked += 1;
          // KIOSK_AUDIT_SHOTS=all keeps a picture of every case, to look at the screens.
          if (problems.length === 0 && process.env.KIOSK_AUDIT_SHOTS === 'all') {
            await ui.page.screenshot({ path: join(SHOTS_DIR, 'all', `${combo.replace(/ /g, '_')}_${auditScreen.name}.png`) });
          }
          if (problems.length > 0) {
            const file = join(SHOTS_DIR, `${combo.replace(/ /g, '_')}_${auditScreen.name}.png`);
            await ui.page.screenshot({ path: file });
            const line = `${combo} ${auditScreen.name}: ${problems.length} problems (${file})\n${problems.map((problem) => `    [${problem.check}] ${problem.detail}`).join('\n')}`;
            mine.push(line);
            failures.push(line);
          }
        }
        expect(ui.errors, 'errors in the kiosk UI page').toEqual([]);
        expect(mine, `layout problems at ${combo}`).toEqual([]);
      });
    }
  }
}
