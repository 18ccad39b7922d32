import { expect, test } from "@playwright/test";

import { shot } from "./helpers.ts";
import { platform } from "./platform.ts";

test.use({ baseURL: platform().baseUrl });

test("the designer recomputes the critical path as steps change, against the sequential total", async ({ page }) => {
  await page.goto("/designer");
  const result = page.getByTestId("designer-result");
  await expect(result).toContainText("关键路径：26 个工作日");
  await expect(result).toContainText("依次办理：47 个工作日");
  await expect(page.getByTestId("graph-step")).toHaveCount(6);
  // Health (step 3) from 12 to 30 working days: 3 + 30 + 9 = 42 on the critical path, 65 in sequence.
  await page.getByLabel("工作日 3").fill("30");
  await expect(result).toContainText("关键路径：42 个工作日");
  await expect(result).toContainText("依次办理：65 个工作日");
  await page.getByTestId("add-step").click();
  await expect(page.getByTestId("graph-step")).toHaveCount(7);
  await expect(result).toContainText("关键路径：47 个工作日"); // the new 5-day step waits for culture
  await shot(page, "designer");
});
