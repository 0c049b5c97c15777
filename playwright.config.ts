import { defineConfig } from '@playwright/test';

/**
 * End-to-end suites. They start the real kiosk (its Chromium shell drives the
 * distribution's Chromium, headless) against the training sites, so each test
 * owns its browsers: tests run one at a time per worker, two workers at most.
 */
export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  outputDir: 'test-results',
});
