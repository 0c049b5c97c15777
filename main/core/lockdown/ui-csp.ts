import policy from './ui-csp.json' with { type: 'json' };

/**
 * The kiosk UI's Content Security Policy, written once (ui-csp.json, data so that the
 * UI's build can read it without TypeScript): the UI's file handler sends it as a header
 * with every file (main/node/ui-files.ts), and the build writes it into index.html's
 * meta tag (renderer/vite.config.mts), so the page carries it wherever it is opened from.
 * `headerOnlyDirectives`: only a header can say who may frame the UI, a meta tag's
 * frame-ancestors is ignored (with a console error).
 */

/** The `Content-Security-Policy` header of every UI file. */
export const UI_CONTENT_SECURITY_POLICY = [...policy.pageDirectives, ...policy.headerOnlyDirectives].join('; ');

/** The same policy in index.html's `<meta http-equiv="Content-Security-Policy">`, less what a meta tag cannot carry. */
export const UI_META_CONTENT_SECURITY_POLICY = policy.pageDirectives.join('; ');
