import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // Station records (counters, PIN lock) of tests without a staff.stateDirectory go here, not in ~/.local/state.
    env: { KIOSK_STATE_DIR: join(tmpdir(), 'kiosk-test-state') },
  },
});
