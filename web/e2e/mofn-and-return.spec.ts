import path from "node:path";

import { createOneWindowClient, withdraw } from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";
import { expect, test, type Browser } from "@playwright/test";
import type { Hex } from "viem";

import { openConnected, shot } from "./helpers.ts";
import { applicant, application, officers, platform, ROOT } from "./platform.ts";

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
  await shot(page, "application-signed-step");
});

/** Both HR officers vote to return the application for correction (reason 2, certificate out of date). */
async function hrReturns(browser: Browser, id: Hex) {
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
}

test("return for correction round trip: two HR officers return, the applicant resubmits, the step runs again", async ({
  browser,
}) => {
  const id = application("HD-TALENT-HUKOU", "active");
  await hrReturns(browser, id);
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

test("a returned application the applicant withdraws asks for no resubmission any more", async ({ browser }) => {
  const id = application("HD-TALENT-HUKOU", "active");
  await hrReturns(browser, id);
  const { rpcUrl, chainId } = platform();
  const client = createOneWindowClient({
    rpcUrl,
    deployment: readDeployment({ chainId, directory: path.join(ROOT, "deployments") }),
    account: applicant("刘测试").privateKey,
  });
  await withdraw(client, { applicationId: id });
  const page = await browser.newPage();
  await openConnected(page, `/applications/${id}`, applicant("刘测试").privateKey);
  await expect(page.getByTestId("status")).toHaveText("已撤回");
  await expect(page.getByTestId("resubmit")).toHaveCount(0);
  await expect(page.getByTestId("returned")).toHaveCount(0);
  // The second return is over: it says so, without the link to correct it; the first was resubmitted.
  const returns = page.locator('[data-testid="notification"][data-kind="returned"]');
  await expect(returns).toHaveCount(2);
  await expect(returns.first()).toContainText("该申请此后已结束，无需再重新提交");
  await expect(returns.last()).toContainText("您已重新提交");
  await expect(page.getByTestId("notify-fix")).toHaveCount(0);
  await expect(page.getByText("请按要求补正后，在申请页面重新提交")).toHaveCount(0);
  await page.close();
});

test("a completed application asks for no resubmission: its licence is the applicant's to download", async ({
  page,
}) => {
  const id = application("HD-GALLERY", "completed");
  await page.goto(`/applications/${id}`);
  await expect(page.getByTestId("status")).toHaveText("已办结");
  await expect(page.getByTestId("output-licence")).toBeVisible();
  await expect(page.getByTestId("download-only-applicant")).toHaveText(
    "只有申请人本人可以下载证照文件：请连接申请人的钱包。",
  );
  await expect(page.getByText(/重新提交/)).toHaveCount(0);
  await shot(page, "application-completed");
});
