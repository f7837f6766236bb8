// The web page's end-to-end tests: @playwright/test driving Debian's Chromium (/usr/bin/chromium,
// or $RNNKIT_E2E_CHROMIUM), never a downloaded browser. The site is apps/web/dist (build it first),
// served on 127.0.0.1 by e2e/static-server.mjs; nothing is fetched from elsewhere.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  outputDir: 'e2e/artifacts/results',
  // One worker: the machine is shared, and the speed check must not race another browser.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  globalTimeout: 15 * 60_000,
  expect: { timeout: 15_000 },
  // The list on the terminal; the HTML report and a JSON file (with each test's measured figures as annotations) in e2e/artifacts.
  reporter: [['list'], ['html', { outputFolder: 'e2e/artifacts/report', open: 'never' }], ['json', { outputFile: 'e2e/artifacts/results.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.RNNKIT_E2E_CHROMIUM || '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
