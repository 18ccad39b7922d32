import { expect, test } from "@playwright/test";

import { shot } from "./helpers.ts";
import { platform } from "./platform.ts";

test.use({ baseURL: platform().baseUrl });

test("Chinese by default; English on switch, kept after a reload; back to Chinese", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("服务目录");
  await page.getByTestId("lang-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Service catalogue");
  await expect(page.getByRole("link", { name: "Open a VR experience hall" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Service catalogue");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await shot(page, "catalogue-en");
  await page.goto("/matters/HD-VR-HALL");
  await expect(page.getByText("Critical path 26 working days")).toBeVisible();
  await page.getByTestId("lang-switch").click();
  await expect(page.getByText("关键路径 26 个工作日")).toBeVisible();
});
