import { expect, test } from "@playwright/test";

import { openConnected, shot } from "./helpers.ts";
import { applicant, application, officers, platform } from "./platform.ts";

test.use({ baseURL: platform().baseUrl });
test.describe.configure({ mode: "serial" });

test("m of n: civil affairs' second officer completes the medical aid step that had 1 of 2 votes", async ({ page }) => {
  const id = application("HD-MEDICAL-AID", "active");
  await page.goto(`/applications/${id}`);
  await expect(page.getByTestId("steps")).toContainText("1/2 签");
  await openConnected(page, "/workbench", officers("HD-CIVIL")[1]!.privateKey);
  const item = page.locator(`[data-testid="queue-item"][data-application="${id}"]`);
  await expect(item).toContainText("1/2 签");
  await item.getByTestId("approve").click();
  await expect(page.getByText("已提交：通过")).toBeVisible();
  await page.goto(`/applications/${id}`);
  await expect(page.getByTestId("status")).toHaveText("已办结");
});

test("a step decided by collected signatures shows its signers: 3/3, not 0/3", async ({ page }) => {
  // The gallery's one step (culture and tourism, 3 of 5) was decided by EIP-712 signatures in the seed.
  await page.goto(`/applications/${application("HD-GALLERY", "completed")}`);
  await expect(page.getByTestId("status")).toHaveText("已办结");
  await expect(page.getByTestId("steps")).toContainText("3/3 签");
});

test("return for correction round trip: two HR officers return, the applicant resubmits, the step runs again", async ({
  browser,
}) => {
  const id = application("HD-TALENT-HUKOU", "active");
  const [first, second] = officers("HD-HRSS");
  for (const [n, officer] of [first!, second!].entries()) {
    const page = await browser.newPage();
    await openConnected(page, "/workbench", officer.privateKey);
    const item = page.locator(`[data-testid="queue-item"][data-application="${id}"]`);
    await item.getByTestId("reason").selectOption("2");
    await item.getByTestId("return").click();
    await expect(item.getByTestId("decision-result").or(page.getByText("已提交：退回补正"))).toBeVisible();
    if (n === 1) await expect(page.getByText("已提交：退回补正")).toBeVisible();
    await page.close();
  }
  const page = await browser.newPage();
  await page.goto(`/applications/${id}`);
  await expect(page.getByTestId("status")).toHaveText("退回补正");
  await expect(page.getByTestId("returned")).toHaveText("退回补正：证明文件过期");
  await expect(page.getByTestId("steps").locator("tr").first()).toHaveAttribute("data-state", "paused");
  await shot(page, "application-returned");
  // Someone else cannot resubmit; the applicant can.
  await openConnected(page, `/applications/${id}`, applicant("刘测试").privateKey);
  await page.getByTestId("resubmit").click();
  // The page refreshes from the chain once the resubmission is mined.
  await expect(page.getByTestId("status")).toHaveText("办理中");
  await page.goto(`/applications/${id}`);
  await expect(page.getByTestId("status")).toHaveText("办理中");
  await expect(page.getByTestId("steps").locator("tr").first()).toHaveAttribute("data-state", "active");
  await page.close();
});
