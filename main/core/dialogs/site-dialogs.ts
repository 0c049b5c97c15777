/**
 * The site's own questions (`alert`, `confirm`, `prompt`, "leave this page?"):
 * what the kiosk does with each, for one visit. The shells intercept the
 * native dialog and ask this desk; the desk says whether to show the kiosk's
 * panel or to answer at once, and turns the visitor's tap into the answer the
 * browser expects (accept or not, and the prompt's text).
 *
 * Rules:
 * - one panel at a time; others wait in a short queue (a storm beyond it is
 *   answered at once with the safe answer, so the page is never stuck);
 * - from the third dialog in a row of the same site, the panel offers
 *   "Ne plus afficher les questions de ce site"; once stopped, that site's
 *   dialogs get the safe answer for the rest of the visit;
 * - a "leave this page?" question never blocks the kiosk's own navigations
 *   (Accueil, another démarche, Terminer ma session) or the wipe;
 * - the site's text is shown as the site wrote it (no translation, `lang`
 *   unknown, `dir=auto`), bounded in length, control characters removed.
 */

import { isC0OrC1Control } from '../text/control-characters';

export type SiteDialogKind = 'alert' | 'confirm' | 'prompt' | 'beforeunload';

/** What the browser needs back: CDP `Page.handleJavaScriptDialog` and Electron's debugger take the same. */
export interface SiteDialogAnswer {
  readonly accept: boolean;
  /** Only for an accepted prompt. */
  readonly promptText?: string;
}

/** The buttons of the panel, in the order shown. The UI names them in the visitor's language. */
export type SiteDialogChoice = 'ok' | 'cancel' | 'leave' | 'stay' | 'stop';

export interface SiteDialogRequest {
  readonly kind: SiteDialogKind;
  /** The site's message, as given by the browser (empty for most beforeunload). */
  readonly message: string;
  /** A prompt's default value. */
  readonly defaultPrompt?: string;
  /** The host of the page that asks (named on the panel; logged). */
  readonly host: string;
}

export interface SiteDialogPanel {
  /** Matches the answer to the panel (several may wait). */
  readonly id: number;
  readonly kind: SiteDialogKind;
  readonly host: string;
  /** The site's words, bounded; shown with dir="auto" and no lang. */
  readonly siteText: string;
  /** True when the site's text was cut to fit. */
  readonly siteTextCut: boolean;
  /** A prompt's default value, bounded. */
  readonly promptDefault: string;
  readonly choices: readonly SiteDialogChoice[];
}

export type SiteDialogDecision =
  | { readonly action: 'show'; readonly panel: SiteDialogPanel }
  | { readonly action: 'queued'; readonly id: number }
  | { readonly action: 'answer'; readonly answer: SiteDialogAnswer; readonly reason: SiteDialogAutoReason };

/** Why a dialog was answered without asking the visitor (for the log). */
export type SiteDialogAutoReason = 'stopped-by-visitor' | 'kiosk-navigation' | 'too-many-waiting' | 'visit-ended';

export const SITE_TEXT_MAX_CHARS = 600;
export const SITE_TEXT_MAX_LINES = 12;
export const PROMPT_TEXT_MAX_CHARS = 200;
/** The panel offers to stop the site's questions from this dialog in a row on. */
export const OFFER_STOP_FROM = 3;
/** A dialog arriving within this time of the previous answer continues the row. */
export const ROW_GAP_MS = 10_000;
/** Dialogs waiting behind the shown one; more are answered at once. */
export const MAX_WAITING = 4;

/**
 * The safe answer, used when the visitor did not (or could not) choose:
 * a confirm or prompt is refused (nothing is sent in the visitor's name),
 * an alert is closed, and "leave this page?" lets the page go.
 */
export function safeAnswer(kind: SiteDialogKind): SiteDialogAnswer {
  return { accept: kind === 'alert' || kind === 'beforeunload' };
}

/** The panel's buttons for each kind. */
export function choicesFor(kind: SiteDialogKind, offerStop: boolean): SiteDialogChoice[] {
  const base: SiteDialogChoice[] = kind === 'alert' ? ['ok'] : kind === 'beforeunload' ? ['leave', 'stay'] : ['ok', 'cancel'];
  return offerStop ? [...base, 'stop'] : base;
}

/**
 * What a tap means. `stop` answers this dialog safely (and the desk stops the
 * site's next ones). A prompt's text is bounded; no other text is kept.
 */
export function answerFor(kind: SiteDialogKind, choice: SiteDialogChoice, promptText = ''): SiteDialogAnswer {
  switch (choice) {
    case 'ok':
      return kind === 'prompt' ? { accept: true, promptText: boundText(promptText, PROMPT_TEXT_MAX_CHARS, 1).text } : { accept: true };
    case 'cancel':
      // An alert has only "OK": closing it any way is the same answer.
      return { accept: kind === 'alert' };
    case 'leave':
      return { accept: true };
    case 'stay':
      return { accept: false };
    case 'stop':
      return safeAnswer(kind);
    default: {
      const unknown: never = choice;
      return unknown;
    }
  }
}

/**
 * The site's text as written, made safe to lay out: control characters other
 * than line breaks and tabs removed (bidi embedding controls included, so a
 * message cannot reorder the kiosk's words around it), at most `maxLines`
 * lines and `maxChars` characters (whole code points), cut with "…".
 */
export function boundText(text: string, maxChars: number, maxLines: number): { text: string; cut: boolean } {
  const cleaned = Array.from(text.replace(/\r\n?/g, '\n'))
    .filter((char) => !isStrippedControl(char))
    .join('');
  let cut = false;
  let lines = cleaned.split('\n');
  if (lines.length > maxLines) {
    lines = lines.slice(0, maxLines);
    cut = true;
  }
  let points = Array.from(lines.join('\n'));
  if (points.length > maxChars) {
    points = points.slice(0, maxChars - 1);
    cut = true;
  }
  const joined = points.join('');
  return { text: cut ? `${joined.trimEnd()}…` : joined, cut };
}

function isStrippedControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  if (char === '\n' || char === '\t') return false;
  if (isC0OrC1Control(char)) return true;
  // Bidi embeddings, overrides and isolates; the panel isolates the text itself.
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x200e || code === 0x200f || code === 0x061c;
}

interface Waiting {
  readonly id: number;
  readonly request: SiteDialogRequest;
  readonly offerStop: boolean;
}

export interface SiteDialogLogEntry {
  readonly event: 'site-dialog';
  readonly kind: SiteDialogKind;
  readonly host: string;
  readonly outcome: 'shown' | 'queued' | 'answered' | SiteDialogAutoReason;
  readonly inRow: number;
}

/**
 * The site dialogs of one visit. Create one per visitor; the wipe drops it
 * after `endVisit()`, which answers whatever still waits.
 */
export class SiteDialogDesk {
  private nextId = 1;
  private shown: Waiting | null = null;
  private readonly waiting: Waiting[] = [];
  private readonly stoppedHosts = new Set<string>();
  private rowHost: string | null = null;
  private rowCount = 0;
  private lastAnsweredAt = Number.NEGATIVE_INFINITY;
  private kioskNavigating = false;
  private ended = false;

  constructor(private readonly log: (entry: SiteDialogLogEntry) => void = () => undefined) {}

  /** A native dialog was intercepted. `now` is in milliseconds. */
  onDialog(request: SiteDialogRequest, now: number): SiteDialogDecision {
    if (this.ended) return this.auto(request, 'visit-ended');
    if (request.kind === 'beforeunload' && this.kioskNavigating) return this.auto(request, 'kiosk-navigation');
    if (this.stoppedHosts.has(request.host)) return this.auto(request, 'stopped-by-visitor');
    if (this.shown !== null && this.waiting.length >= MAX_WAITING) return this.auto(request, 'too-many-waiting');

    const continuesRow = request.host === this.rowHost && (this.shown !== null || now - this.lastAnsweredAt <= ROW_GAP_MS);
    this.rowCount = continuesRow ? this.rowCount + 1 : 1;
    this.rowHost = request.host;
    const entry: Waiting = { id: this.nextId++, request, offerStop: this.rowCount >= OFFER_STOP_FROM };
    if (this.shown !== null) {
      this.waiting.push(entry);
      this.note(request, 'queued');
      return { action: 'queued', id: entry.id };
    }
    this.shown = entry;
    this.note(request, 'shown');
    return { action: 'show', panel: panelOf(entry) };
  }

  /** The panel on screen, if any (after a queued one comes up, or for a UI that reloads). */
  current(): SiteDialogPanel | null {
    return this.shown === null ? null : panelOf(this.shown);
  }

  /**
   * The visitor tapped a button of panel `id`. Returns the answer for that
   * dialog, and the next panel to show, if any. Stale or unknown ids answer nothing.
   */
  choose(id: number, choice: SiteDialogChoice, now: number, promptText = ''): { answer: SiteDialogAnswer | null; next: SiteDialogPanel | null } {
    if (this.shown === null || this.shown.id !== id) return { answer: null, next: this.current() };
    const { request, offerStop } = this.shown;
    if (choice === 'stop' && !offerStop) return { answer: null, next: this.current() };
    if (!choicesFor(request.kind, offerStop).includes(choice)) return { answer: null, next: this.current() };
    const answer = answerFor(request.kind, choice, promptText);
    this.note(request, 'answered');
    this.lastAnsweredAt = now;
    if (choice === 'stop') {
      this.stoppedHosts.add(request.host);
      this.rowCount = 0;
      this.rowHost = null;
    }
    this.shown = null;
    return { answer, next: this.advance() };
  }

  /**
   * The kiosk itself navigates (Accueil, another démarche, end of session):
   * a "leave this page?" on screen or waiting is answered "leave" at once,
   * and any that the navigation raises is answered without a panel until
   * `kioskNavigationDone()`. Returns the answers to give, by dialog id.
   */
  kioskNavigationStarted(): Array<{ id: number; answer: SiteDialogAnswer }> {
    this.kioskNavigating = true;
    return this.drain((entry) => entry.request.kind === 'beforeunload', 'kiosk-navigation');
  }

  kioskNavigationDone(): void {
    this.kioskNavigating = false;
  }

  /** The visit ends (wipe): everything waiting is answered safely; later dialogs too. */
  endVisit(): Array<{ id: number; answer: SiteDialogAnswer }> {
    this.ended = true;
    return this.drain(() => true, 'visit-ended');
  }

  /** A new page of the site was loaded by the visitor: the row of questions starts again. */
  pageChanged(): void {
    if (this.shown === null) {
      this.rowCount = 0;
      this.rowHost = null;
    }
  }

  private drain(matches: (entry: Waiting) => boolean, reason: SiteDialogAutoReason): Array<{ id: number; answer: SiteDialogAnswer }> {
    const answered: Array<{ id: number; answer: SiteDialogAnswer }> = [];
    const all = [...(this.shown === null ? [] : [this.shown]), ...this.waiting];
    const kept = all.filter((entry) => {
      if (!matches(entry)) return true;
      answered.push({ id: entry.id, answer: safeAnswer(entry.request.kind) });
      this.note(entry.request, reason);
      return false;
    });
    const shownStays = this.shown !== null && kept.includes(this.shown);
    this.waiting.length = 0;
    if (shownStays) {
      this.waiting.push(...kept.slice(1));
    } else {
      this.shown = null;
      this.waiting.push(...kept);
      this.advance();
    }
    return answered;
  }

  private advance(): SiteDialogPanel | null {
    const next = this.waiting.shift();
    if (next === undefined) return null;
    this.shown = next;
    return panelOf(next);
  }

  private auto(request: SiteDialogRequest, reason: SiteDialogAutoReason): SiteDialogDecision {
    this.note(request, reason);
    return { action: 'answer', answer: safeAnswer(request.kind), reason };
  }

  private note(request: SiteDialogRequest, outcome: SiteDialogLogEntry['outcome']): void {
    this.log({ event: 'site-dialog', kind: request.kind, host: request.host, outcome, inRow: this.rowCount });
  }
}

function panelOf(entry: Waiting): SiteDialogPanel {
  const site = boundText(entry.request.message, SITE_TEXT_MAX_CHARS, SITE_TEXT_MAX_LINES);
  return {
    id: entry.id,
    kind: entry.request.kind,
    host: entry.request.host,
    siteText: site.text,
    siteTextCut: site.cut,
    promptDefault: entry.request.kind === 'prompt' ? boundText(entry.request.defaultPrompt ?? '', PROMPT_TEXT_MAX_CHARS, 1).text : '',
    choices: choicesFor(entry.request.kind, entry.offerStop),
  };
}
