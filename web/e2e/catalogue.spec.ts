import { expect, test } from "@playwright/test";

import { shot } from "./helpers.ts";
import { platform } from "./platform.ts";

test.use({ baseURL: platform().baseUrl });

test("the catalogue lists the chain's matters and filters them by search, level, department and visits", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "服务目录" })).toBeVisible();
  const cards = page.getByTestId("matter-card");
  const total = await cards.count();
  expect(total).toBeGreaterThan(20);
  await expect(page.getByTestId("count")).toHaveText(`共 ${total} 项`);
  await shot(page, "catalogue");

  await page.getByTestId("search").fill("画廊");
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText("HD-GALLERY");
  await page.getByTestId("search").fill("no such matter at all");
  await expect(page.getByText("没有符合条件的事项。")).toBeVisible();
  await page.getByTestId("search").fill("");
  await expect(cards).toHaveCount(total);

  await page.getByTestId("no-visit").check();
  const noVisit = await cards.count();
  expect(noVisit).toBeGreaterThan(0);
  expect(noVisit).toBeLessThan(total);
  await expect(cards.filter({ hasText: "HD-VR-HALL" })).toHaveCount(0); // one visit remains
  await page.getByTestId("no-visit").uncheck();

  await page.getByTestId("level").selectOption("municipal");
  const municipal = await cards.count();
  expect(municipal).toBeLessThan(total);
  for (const text of await cards.allTextContents()) expect(text).toContain("市级");
  await page.getByTestId("level").selectOption("");

  await page.getByTestId("department").selectOption({ label: "海淀区文化和旅游局" });
  await expect(cards.filter({ hasText: "HD-VR-HALL" })).toHaveCount(1);
  expect(await cards.count()).toBeLessThan(total);
});

test("a matter page shows materials from the chain and to upload, the figures and the critical path", async ({
  page,
}) => {
  await page.goto("/matters/HD-VR-HALL");
  await expect(page.getByRole("heading", { level: 1, name: "我要开VR体验馆" })).toBeVisible();
  const figures = page.getByTestId("figures");
  await expect(figures.getByRole("row", { name: /材料数/ })).toContainText("41");
  await expect(figures.getByRole("row", { name: /材料数/ })).toContainText("23");
  await expect(figures.getByRole("row", { name: /工作日/ })).toContainText("47");
  await expect(figures.getByRole("row", { name: /工作日/ })).toContainText("26");
  await expect(page.getByText("关键路径 26 个工作日")).toBeVisible();
  await expect(page.getByText("依次办理 47 个工作日")).toBeVisible();
  const materials = page.getByTestId("materials").locator("li");
  await expect(materials).toHaveCount(23);
  expect(await page.getByTestId("materials").locator('li[data-kind="licence"]').count()).toBeGreaterThan(0);
  await expect(page.getByTestId("materials").locator('li[data-kind="licence"]').first()).toContainText("链上调取");
  await expect(page.getByTestId("materials").locator('li[data-kind="upload"]').first()).toContainText("需上传");
  await expect(page.getByTestId("graph-step")).toHaveCount(6);
  await shot(page, "matter-vr-hall");
});

test("an unknown matter says so", async ({ page }) => {
  await page.goto("/matters/NO-SUCH-MATTER");
  await expect(page.locator("main [role=alert]")).toContainText("未找到：NO-SUCH-MATTER");
});
