import { expect, test } from "@playwright/test";

import { shot } from "./helpers.ts";
import { application, platform } from "./platform.ts";

test.use({ baseURL: platform().baseUrl });

test("the auditor finds the gallery application's trail, and the KPI charts render", async ({ page }) => {
  const gallery = application("HD-GALLERY", "completed");
  await page.goto("/audit");
  // Backed by the indexer that npm run dev starts (the chain's events only while it does not answer).
  await expect(page.getByTestId("audit-source")).toHaveText(
    process.env.E2E_EXPECT_CHAIN_SOURCE ? "数据来源：链上事件（索引服务不可用）" : "数据来源：索引服务",
  );
  await page.getByTestId("trail-input").fill(gallery);
  await page.getByTestId("trail-find").click();
  const trail = page.getByTestId("trail");
  await expect(trail.locator('tr[data-kind="ApplicationSubmitted"]')).toHaveCount(1);
  await expect(trail.locator('tr[data-kind="StepDecided"]')).toHaveCount(1);
  await expect(trail.locator('tr[data-kind="ApplicationCompleted"]')).toHaveCount(1);
  // Culture decides 3 of n: three votes precede the decision.
  await expect(trail.locator('tr[data-kind="VoteCast"]')).toHaveCount(3);
  for (const chart of ["chart-materials", "chart-days", "chart-deadlines", "chart-daily"])
    await expect(page.getByTestId(chart)).toBeVisible();
  expect(await page.getByTestId("chart-materials").getByTestId("bar").count()).toBeGreaterThan(3);
  expect(await page.getByTestId("chart-daily").getByTestId("bar").count()).toBeGreaterThan(0);
  await shot(page, "audit");
});

test("a malformed application id is refused with a clear message", async ({ page }) => {
  await page.goto("/audit?application=0x1234");
  await expect(page.locator("main [role=alert]")).toHaveText("申请编号应为 0x 开头的 64 位十六进制数。");
  await page.goto("/applications/not-an-id");
  await expect(page.locator("main [role=alert]")).toHaveText("申请编号应为 0x 开头的 64 位十六进制数。");
});
