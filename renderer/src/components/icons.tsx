import type { ReactNode } from 'react';

/** Small decorative icons, drawn inline (no image files, no icon font). Hidden from assistive technology. */

/**
 * An icon: its drawing in the frame every icon shares. `mirror` flips it in
 * right-to-left languages (the way out, the speaker).
 */
function icon(drawing: ReactNode, { mirror = false } = {}): () => ReactNode {
  return function Icon() {
    return (
      <svg className={mirror ? 'icon icon--mirror' : 'icon'} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        {drawing}
      </svg>
    );
  };
}

export const GlobeIcon = icon(
  <>
    <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="2" />
    <ellipse cx="12" cy="12" rx="4.2" ry="9.5" fill="none" stroke="currentColor" strokeWidth="2" />
    <path d="M2.5 12h19M4.5 6.5h15M4.5 17.5h15" fill="none" stroke="currentColor" strokeWidth="2" />
  </>
);

export const HomeIcon = icon(<path d="M3 11.5 12 4l9 7.5M5.5 9.5V20h5v-6h3v6h5V9.5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinejoin="round" />);

export const ExitIcon = icon(<path d="M14 4H5v16h9M10 12h11M17 8l4 4-4 4" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinejoin="round" strokeLinecap="round" />, { mirror: true });

export const CloseIcon = icon(<path d="M6 6l12 12M18 6 6 18" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />);

export const CheckIcon = icon(<path d="M4.5 12.5 9.5 17.5 19.5 6.5" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />);

export const HelpIcon = icon(
  <>
    <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="2" />
    <path d="M9.2 9.3a2.9 2.9 0 1 1 4.1 2.6c-.8.4-1.3 1-1.3 1.9v.7" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    <circle cx="12" cy="17.3" r="1.3" fill="currentColor" />
  </>
);

export const WarningIcon = icon(
  <>
    <path d="M12 3 22 20H2z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
    <path d="M12 9.5v5" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    <circle cx="12" cy="17.3" r="1.2" fill="currentColor" />
  </>
);

export const PrinterIcon = icon(
  <>
    <path d="M7 8V3.5h10V8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
    <rect x="3" y="8" width="18" height="9" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
    <path d="M7 14h10v6.5H7z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
  </>
);

export const BookIcon = icon(<path fill="currentColor" d="M4 4.5A2.5 2.5 0 0 1 6.5 2H20v17H6.5a1 1 0 0 0 0 2H20v1H6.5A2.5 2.5 0 0 1 4 19.5v-15Zm4 1.5v2h8V6H8Zm0 4v2h6v-2H8Z" />);

export const SpeakerIcon = icon(<path fill="currentColor" d="M3 9v6h4l5 5V4L7 9H3Zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.47 4.47 0 0 0 2.5-4Zm-2.5-9v2.06a7 7 0 0 1 0 13.88V21a9 9 0 0 0 0-18Z" />, { mirror: true });

export const KeyIcon = icon(<path fill="currentColor" d="M7 14a2 2 0 1 1 0-4 2 2 0 0 1 0 4Zm5.65-4A6 6 0 1 0 12.65 14H17v4h4v-4h1v-4h-9.35Z" />);

export const PhoneIcon = icon(<path fill="currentColor" d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1l-2.2 2.23Z" />);

export const TextSizeIcon = icon(<path fill="currentColor" d="M9 4v3h5v12h3V7h5V4H9Zm-6 8h3v7h3v-7h3V9H3v3Z" />);

export const OfflineIcon = icon(<path fill="currentColor" d="M2.3 3.7 3.7 2.3l18 18-1.4 1.4-4.2-4.2-4.1 4.1L1 10.6a16 16 0 0 1 4.4-3.1L2.3 3.7Zm9.7 2.3a16 16 0 0 1 11 4.6l-4.6 4.6L9.1 6A16 16 0 0 1 12 6Z" />);
