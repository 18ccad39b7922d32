import { expect, test } from "@playwright/test";

import { shot } from "./helpers.ts";
import { application, platform } from "./platform.ts";

test.use({ baseURL: platform().baseUrl, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

for (const [name, route] of [
  ["catalogue", () => "/"],
  ["matter", () => "/matters/HD-VR-HALL"],
  ["application", () => `/applications/${application("HD-VR-HALL", "active")}`],
  ["audit", () => "/audit"],
] as const) {
  test(`phone-sized screen: the ${name} page fits the width`, async ({ page }) => {
    await page.goto(route());
    await expect(page.locator("main h1")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, `phone-${name}`);
  });
}
