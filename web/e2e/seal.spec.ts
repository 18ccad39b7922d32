/**
 * The national electronic seal in the apply wizard's verdict: the applicant's pulled licence
 * (issued and sealed by its department in the demo) shows its seal part beside integrity, status
 * and issuer, in Chinese and English, on desktop and phone.
 */
import { expect, test, type Page } from "@playwright/test";

import { shot } from "./helpers.ts";
import { applicant, platform } from "./platform.ts";
import { injectWallet } from "./wallet.ts";

test.use({ baseURL: platform().baseUrl });

async function pulled(page: Page) {
  const gallery = applicant("画廊");
  const { rpcUrl, chainId } = platform();
  await injectWallet(page, { key: gallery.privateKey, rpcUrl, chainId });
  await page.goto("/matters/HD-GALLERY/apply");
  await page.getByTestId("connect").click();
  await expect(page.getByTestId("account")).toBeVisible();
  await page.getByTestId("pull").click();
  await expect(page.getByTestId("pulled-licence")).toHaveAttribute("data-valid", "true");
  return page.getByTestId("verdict-seal");
}

test("the pulled licence's verdict shows its valid national seal (zh, desktop)", async ({ page }) => {
  test.setTimeout(120_000);
  const seal = await pulled(page);
  await expect(seal).toHaveAttribute("data-seal-state", "valid");
  await expect(seal).toContainText("电子印章（国密 SM2/SM3）: 印章有效");
  await expect(seal).toContainText(/签发时登记的印章公钥 #0/);
  await seal.scrollIntoViewIfNeeded();
  await shot(page, "seal-verdict-zh");
});

test("…in English, on a phone", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const seal = await pulled(page);
  await page.getByTestId("lang-switch").click();
  await expect(seal).toContainText("National seal (SM2/SM3): seal valid");
  await expect(seal).toContainText("seal key #0, registered at issue time");
  await shot(page, "seal-verdict-en-phone");
});
