import { defineConfig } from "@playwright/test";

/**
 * Browser tests in Debian's Chromium (never `npx playwright install`), against the platform as
 * `npm run dev` starts it: e2e/global-setup.ts starts scripts/dev.ts on free ports (or uses a
 * running one: E2E_BASE_URL, E2E_RPC_URL) and e2e/global-teardown.ts stops what it started.
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: "*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  outputDir: "test-results/artifacts",
  globalSetup: "./e2e/global-setup.ts",
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    viewport: { width: 1280, height: 900 },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    screenshot: "only-on-failure",
    trace: "off",
    navigationTimeout: 90_000,
    actionTimeout: 30_000,
    launchOptions: {
      executablePath: "/usr/lib/chromium/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  // The console's spec moves the embedded chain's clock about two hours on and changes a department's
  // officers, so it runs after every other spec (alone: `npx playwright test --no-deps e2e/admin.spec.ts`).
  projects: [
    { name: "platform", testIgnore: "admin.spec.ts" },
    { name: "admin", testMatch: "admin.spec.ts", dependencies: ["platform"] },
  ],
});
