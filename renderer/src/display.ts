import type { TextSize } from './store';

/**
 * The visitor's text size and contrast, set on <html> so every screen follows
 * (styles/kiosk.css reads `data-text-size` and `data-contrast`).
 */
export function applyDisplay(state: { textSize: TextSize; highContrast: boolean }, root: HTMLElement = document.documentElement): void {
  root.dataset.textSize = state.textSize;
  root.dataset.contrast = state.highContrast ? 'high' : 'normal';
}
