import { expect, test, type Page } from "@playwright/test";

import { openConnected, shot } from "./helpers.ts";
import { application, officers, platform } from "./platform.ts";

test.use({ baseURL: platform().baseUrl });
test.describe.configure({ mode: "serial" });

const vrHall = () => application("HD-VR-HALL", "active");

async function stepStates(page: Page): Promise<string[]> {
  await page.goto(`/applications/${vrHall()}`);
  await expect(page.getByTestId("step-graph")).toBeVisible();
  return page
    .getByTestId("steps")
    .locator("tr")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-state") ?? ""));
}

test("the VR hall's six steps: after market supervision, housing, health and ecology decide in parallel", async ({
  page,
}) => {
  await page.goto(`/applications/${vrHall()}`);
  await expect(page.getByTestId("graph-step")).toHaveCount(6);
  await expect(page.getByTestId("status")).toHaveText("办理中");
  expect(await stepStates(page)).toEqual(["approved", "active", "active", "pending", "active", "pending"]);
  // Each active step shows its working-day countdown.
  await expect(page.getByTestId("steps").locator('tr[data-state="active"]').first()).toContainText("剩余");
  await expect(page.getByTestId("graph-step").and(page.locator('[data-state="active"]'))).toHaveCount(3);
  await shot(page, "application-vr-hall");
});

test("a refused signature is said plainly and changes nothing", async ({ page }) => {
  await openConnected(page, "/workbench", officers("HD-ECOLOGY")[0]!.privateKey, { rejectSignatures: true });
  const item = page.locator(`[data-testid="queue-item"][data-application="${vrHall()}"]`);
  await item.getByTestId("approve").click();
  await expect(item.getByTestId("decision-result")).toHaveText("您在钱包中拒绝了签名，操作未执行。需要时请重试。");
  expect((await stepStates(page))[4]).toBe("active");
});

test("housing approves in its workbench: fire starts while health and ecology still decide", async ({ page }) => {
  await openConnected(page, "/workbench", officers("HD-HOUSING")[0]!.privateKey);
  await expect(page.getByTestId("department")).toContainText("海淀区住房和城乡建设委员会");
  const item = page.locator(`[data-testid="queue-item"][data-application="${vrHall()}"]`);
  await expect(item).toHaveAttribute("data-step", "1");
  await shot(page, "workbench-housing");
  await item.getByTestId("approve").click();
  await expect(page.getByText("已提交：通过")).toBeVisible();
  await expect(page.locator(`[data-testid="queue-item"][data-application="${vrHall()}"]`)).toHaveCount(0);
  expect(await stepStates(page)).toEqual(["approved", "approved", "active", "active", "active", "pending"]);
});

test("a decision the contract refuses (the step was decided meanwhile) is shown as the contract's reason", async ({
  browser,
}) => {
  const key = officers("HD-ECOLOGY")[0]!.privateKey;
  const first = await browser.newPage();
  const second = await browser.newPage();
  await openConnected(first, "/workbench", key);
  await openConnected(second, "/workbench", key);
  const row = (page: Page) => page.locator(`[data-testid="queue-item"][data-application="${vrHall()}"]`);
  await expect(row(second)).toBeVisible();
  await row(first).getByTestId("approve").click();
  await expect(first.getByText("已提交：通过")).toBeVisible();
  await row(second).getByTestId("approve").click();
  const message = row(second).getByTestId("decision-result");
  await expect(message).toBeVisible();
  // The SDK's text for ApprovalEngineStepNotActive, not a raw revert or a stack trace.
  await expect(message).toContainText("当前不在办理中");
  expect(await message.textContent()).not.toMatch(/Error:|reverted|at .*\(/);
  await expect(message).toHaveClass(/error/);
  await shot(second, "workbench-revert");
  await first.close();
  await second.close();
});
