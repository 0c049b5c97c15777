// Lint rules, and the architecture's boundaries: the kiosk's rules in main/core
// import nothing from Electron, the DOM, Node, the serial port or the browser
// driver; the UI imports nothing from the main process but the shared contract.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const platformModules = [
  { name: 'electron', message: 'main/core is plain TypeScript: pass Electron objects in from main/shells/electron.' },
  { name: 'serialport', message: 'main/core is plain TypeScript: the serial port lives in an adapter.' },
  { name: 'playwright-core', message: 'main/core is plain TypeScript: the browser driver lives in main/shells/chromium.' },
  { name: 'react', message: 'main/core knows nothing of the UI.' },
  { name: 'react-dom', message: 'main/core knows nothing of the UI.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-dev/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['main/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: platformModules,
          patterns: [
            { group: ['node:*'], message: 'main/core is plain TypeScript: Node modules belong in main/node or a shell.' },
            { group: ['@serialport/*', 'electron/*'], message: 'main/core is plain TypeScript.' },
            { group: ['../shells/*', '../../shells/*', '../node/*', '../../node/*'], message: 'main/core must not depend on adapters.' },
            { group: ['**/dev-tools/**', '**/tests/**'], message: 'The product imports no development tool or test code (main/dev-tools, tests/).' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'require', 'Buffer'],
    },
  },
  {
    // A sandboxed preload can require nothing but electron (esbuild bundles the rest in):
    // it may import electron, its own folder and the pure core, never Node or other shell code.
    files: ['main/shells/electron/preloads/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|\\./(?!.*\\.\\.)|\\.\\./\\.\\./\\.\\./core/(?!.*\\.\\.))',
              message: 'A sandboxed preload imports only electron, its own folder (./) and the pure core (../../../core/).',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'require', 'process', 'Buffer'],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The UI reaches the main process only through window.kiosk (KioskApi).' }],
          patterns: [
            { group: ['node:*'], message: 'The UI runs in a sandboxed page.' },
            { group: ['**/main/shells/**', '**/main/node/**', '**/main/cli/**'], message: 'The UI may import only main/core/contract and main/core/config/languages.' },
          ],
        },
      ],
    },
  },
);
