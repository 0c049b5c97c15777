import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import uiCsp from '../main/core/lockdown/ui-csp.json' with { type: 'json' };

/** Where index.html's CSP meta tag gets the policy. */
const UI_CSP_PLACEHOLDER = '%KIOSK_UI_CONTENT_SECURITY_POLICY%';
/** UI_META_CONTENT_SECURITY_POLICY of main/core/lockdown/ui-csp.ts (tests/unit/packaging/product-bundles.test.ts compares them). */
const UI_META_CONTENT_SECURITY_POLICY = uiCsp.pageDirectives.join('; ');

/** index.html's CSP meta tag gets the policy the UI's file handler sends (one source: ui-csp.json). */
function uiContentSecurityPolicy(): Plugin {
  return {
    name: 'kiosk-ui-content-security-policy',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        const count = html.split(UI_CSP_PLACEHOLDER).length - 1;
        if (count !== 1) throw new Error(`renderer/index.html must hold ${UI_CSP_PLACEHOLDER} once (found ${count})`);
        return html.replace(UI_CSP_PLACEHOLDER, UI_META_CONTENT_SECURITY_POLICY);
      },
    },
  };
}

/**
 * Builds the kiosk UI into dist/renderer. Relative asset paths (`base: './'`) so the
 * same files work from `kiosk://app/index.html` and `http://kiosk.localhost/index.html`.
 * Vite's own transform turns TSX into React 19 automatic-runtime calls; the one plugin
 * writes the CSP into index.html. Hidden source maps list what the bundle is made of
 * for tests/unit/packaging/product-bundles.test.ts; no package ships them.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: false,
  plugins: [uiContentSecurityPolicy()],
  clearScreen: false,
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Everything is a file served by the kiosk itself: nothing inlined into index.html.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    sourcemap: 'hidden',
    reportCompressedSize: false,
  },
});
