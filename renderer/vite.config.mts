import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the kiosk UI into dist/renderer. Relative asset paths (`base: './'`) so the
 * same files work from `kiosk://app/index.html` and `http://kiosk.localhost/index.html`.
 * No plugin: Vite's own transform turns TSX into React 19 automatic-runtime calls.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: false,
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
    sourcemap: false,
    reportCompressedSize: false,
  },
});
