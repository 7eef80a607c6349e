import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests of the console against a running api, worker and sign-in (issue 12), in Debian's
 * chromium. CONSOLE_BASE_URL is the api (default http://localhost:3000); CONSOLE_ADMIN_KEY an
 * admin API key the specs use to set up data (integrations keep API keys).
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  globalSetup: require.resolve('./support/global-setup'),
  use: {
    baseURL: process.env.CONSOLE_BASE_URL ?? 'http://localhost:3000',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    trace: 'retain-on-failure',
    timezoneId: 'America/New_York',
    locale: 'en-US',
  },
  projects: [
    {
      name: 'laptop',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'screenshots',
      testMatch: 'screenshots.ts',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 860 } },
    },
  ],
});
