/**
 * Licences exported as verifiable credentials (issue 19): the holder downloads a licence from
 * /wallet as a W3C VC and as an SD-JWT VC (signed at the exchange by the issuing department); a
 * verifier with no wallet pastes either into /verify and sees the verdict and the disclosed
 * fields, in Chinese and English, on a phone and a desktop. A malformed credential is refused in
 * words; once the department revokes the licence on chain, /verify says revoked.
 */
import { readFileSync } from "node:fs";

import { expect, test, type Browser } from "@playwright/test";

import { LANG_COOKIE } from "../messages/index.ts";
import { openConnected, shot } from "./helpers.ts";
import { platform } from "./platform.ts";
import { issueFreshLicence, revoke, type IssuedLicence } from "./presenting.ts";

test.use({ baseURL: platform().baseUrl });
test.describe.configure({ mode: "serial" });

let licence: IssuedLicence;
const exported: Record<"vc" | "sd-jwt", string> = { vc: "", "sd-jwt": "" };

test.beforeAll(async () => {
  licence = await issueFreshLicence();
});

async function verifier(browser: Browser, options: { lang: "zh" | "en"; phone?: boolean }) {
  const context = await browser.newContext({
    baseURL: platform().baseUrl,
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    locale: options.lang === "en" ? "en-GB" : "zh-CN",
  });
  if (options.lang === "en") await context.addCookies([{ name: LANG_COOKIE, value: "en", url: platform().baseUrl }]);
  const page = await context.newPage();
  await page.goto("/verify");
  return { context, page };
}

test("the holder downloads the licence as a W3C VC and as an SD-JWT VC", async ({ page }) => {
  test.setTimeout(300_000);
  await openConnected(page, "/wallet", licence.holderKey);
  await page.getByTestId("wallet-sign-in").click();
  const card = page.locator(`[data-testid="held-licence"][data-licence="${licence.licenceId}"]`);
  await expect(card).toBeVisible({ timeout: 150_000 });
  await card.getByTestId("export-credential").locator("summary").click();
  for (const format of ["vc", "sd-jwt"] as const) {
    const [download] = await Promise.all([page.waitForEvent("download"), card.getByTestId(`export-${format}`).click()]);
    exported[format] = readFileSync((await download.path())!, "utf8");
    expect(download.suggestedFilename()).toMatch(format === "vc" ? /\.vc\.jwt$/ : /\.sd-jwt$/);
  }
  await expect(card.getByTestId("export-saved")).toBeVisible();
  expect(exported.vc.split(".")).toHaveLength(3);
  expect(exported["sd-jwt"]).toContain("~");
  await shot(page, "credentials-wallet-zh");
});

test("/verify accepts both formats: verdict parts and the disclosed fields, zh and en, desktop and phone", async ({
  browser,
}) => {
  test.setTimeout(400_000);
  const name = licence.file.fields.find((f) => f.name === "name")!.value;
  for (const [format, lang, phone] of [
    ["sd-jwt", "zh", false],
    ["vc", "en", false],
    ["sd-jwt", "en", true],
    ["vc", "zh", true],
  ] as const) {
    const { context, page } = await verifier(browser, { lang, phone });
    await page.getByTestId("verify-paste").locator("xpath=..").locator("summary").click();
    await page.getByTestId("verify-paste").fill(exported[format]);
    await page.getByTestId("verify-check").click();
    const result = page.getByTestId("credential-result");
    await expect(result).toHaveAttribute("data-valid", "true", { timeout: 90_000 });
    for (const part of ["signature", "issuer", "status", "expiry"])
      await expect(page.getByTestId(`credential-${part}`)).toHaveAttribute("data-ok", "true");
    await expect(page.getByTestId("credential-fields")).toContainText(name);
    await expect(page.getByTestId("credential-verdict")).toHaveText(lang === "zh" ? "有效" : "Valid");
    await shot(page, `credentials-verify-${format}-${lang}-${phone ? "phone" : "desktop"}`);
    await context.close();
  }
});

test("a malformed credential is refused in words; after revocation on chain /verify says revoked", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const { context, page } = await verifier(browser, { lang: "zh" });
  await page.getByTestId("verify-paste").locator("xpath=..").locator("summary").click();
  const [h, p, s] = exported.vc.trim().split(".");
  await page.getByTestId("verify-paste").fill(`${h}.${p}x.${s}`);
  await page.getByTestId("verify-check").click();
  await expect(page.getByTestId("credential-error")).toContainText("不是有效的可验证凭证");
  await expect(page.getByTestId("credential-error")).not.toContainText("Error:");
  await shot(page, "credentials-verify-malformed-zh");

  await revoke(licence);
  await page.getByTestId("verify-paste").fill(exported["sd-jwt"]);
  await page.getByTestId("verify-check").click();
  await expect(page.getByTestId("credential-result")).toHaveAttribute("data-valid", "false");
  await expect(page.getByTestId("credential-status")).toHaveAttribute("data-ok", "false");
  await expect(page.getByTestId("credential-status")).toContainText("已注销");
  await shot(page, "credentials-verify-revoked-zh");
  await context.close();
});
