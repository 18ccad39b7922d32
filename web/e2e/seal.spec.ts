/**
 * The national electronic seal in the apply wizard's verdict: the applicant's pulled licence
 * (issued and sealed by its department in the demo) shows its seal part beside integrity, status
 * and issuer, in Chinese and English, on desktop and phone.
 */
import { expect, test, type Page } from "@playwright/test";

import { demoLicence } from "./exchange.ts";
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

/** The gallery's sealed business licence file, as the demo issued it. */
function sealedFile(): Record<string, unknown> {
  return structuredClone(demoLicence(applicant("画廊").address, "BUSINESS_LICENCE").file) as Record<string, unknown>;
}

async function verifyPasted(page: Page, json: unknown) {
  await page.goto("/verify");
  await page.locator("details > summary").first().click();
  await page.getByTestId("verify-paste").fill(JSON.stringify(json));
  await page.getByTestId("verify-check").click();
  await expect(page.getByTestId("verify-result")).toBeVisible();
  return page.locator('[data-testid="verdict-part"][data-part="seal"]');
}

test("/verify: a sealed licence file shows its valid seal; one bit of the signature changed shows why it fails", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const seal = await verifyPasted(page, sealedFile());
  await expect(seal).toHaveAttribute("data-ok", "true");
  await expect(seal).toContainText(/签发时登记的印章公钥 #0，国密 SM2\/SM3 签名有效/);
  await shot(page, "seal-verify-valid-zh");

  const broken = sealedFile();
  const stamp = broken.seal as { signature: string };
  stamp.signature = stamp.signature.slice(0, -1) + (stamp.signature.endsWith("0") ? "1" : "0");
  const failed = await verifyPasted(page, broken);
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-valid", "false");
  await expect(page.getByTestId("verdict-headline")).toHaveAttribute("data-verdict", "seal");
  await expect(failed).toHaveAttribute("data-ok", "false");
  await expect(failed).toContainText("电子印章签名与文件不符");
  await shot(page, "seal-verify-broken-zh");
});

test("/verify on a phone, in English: a malformed seal is named, the rest of the verdict still given", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/verify");
  await page.getByTestId("lang-switch").click();
  const broken = sealedFile();
  (broken.seal as { signature: string }).signature = "0x1234";
  const seal = await verifyPasted(page, broken);
  await expect(seal).toHaveAttribute("data-ok", "false");
  await expect(seal).toContainText("$.seal.signature: expected 64 bytes of hex");
  await expect(page.locator('[data-testid="verdict-part"][data-part="integrity"]')).toHaveAttribute("data-ok", "true");
  await shot(page, "seal-verify-malformed-en-phone");
});
