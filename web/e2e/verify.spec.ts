/**
 * The public verifier (/verify) with a dropped or pasted file: a tampered disclosure names the
 * tampered field; a window clerk with an officer's wallet records the check on chain (the
 * transaction's LicenceVerified event names the licence); phone-sized screens and English for
 * /verify and /wallet.
 */
import { ABIS, discloseFields, fieldMaskOf, serializeDisclosure } from "@onewindow/sdk";
import { expect, test } from "@playwright/test";
import { parseEventLogs, type Hex } from "viem";

import { openConnected, shot } from "./helpers.ts";
import { officers, platform } from "./platform.ts";
import { issueFreshLicence, oneWindow, type IssuedLicence } from "./presenting.ts";
import { LANG_COOKIE } from "../messages/index.ts";

test.use({ baseURL: platform().baseUrl });
test.describe.configure({ mode: "serial" });

const CHOSEN = ["name", "legalRepresentative", "registeredAddress"];
let licence: IssuedLicence;

test.beforeAll(async () => {
  licence = await issueFreshLicence();
});

test("a tampered disclosure file names the tampered field", async ({ page }) => {
  const disclosure = discloseFields(licence.file, CHOSEN);
  const tampered = structuredClone(disclosure);
  tampered.fields.find((f) => f.name === "registeredAddress")!.value = "北京市朝阳区建国路1号";
  await page.goto("/verify");
  await page.getByTestId("verify-file").setInputFiles({
    name: "presentation.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(tampered)),
  });
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-valid", "false");
  await expect(page.getByTestId("verdict-headline")).toHaveAttribute("data-verdict", "tampered");
  const integrity = page.locator('[data-testid="verdict-part"][data-part="integrity"]');
  await expect(integrity).toHaveAttribute("data-ok", "false");
  await expect(integrity).toContainText("住所 (registeredAddress)");
  await expect(page.locator('[data-testid="licence-field"][data-field="registeredAddress"]')).toHaveAttribute(
    "data-proven",
    "false",
  );
  await expect(page.locator('[data-testid="licence-field"][data-field="name"]')).toHaveAttribute("data-proven", "true");
  await shot(page, "verify-tampered");

  // Not a licence document at all: said in words.
  await page.getByText("或粘贴文件内容（JSON）").click();
  await page.getByTestId("verify-paste").fill('{"format":"something else"}');
  await page.getByTestId("verify-check").click();
  await expect(page.getByTestId("verify-error")).toContainText("这不是证照文件或出示文件");
});

test("a window clerk records the check on chain; the transaction names the licence", async ({ page }) => {
  const clerk = officers("HD-CULTURE")[0]!;
  await openConnected(page, "/verify", clerk.privateKey);
  await page.getByText("或粘贴文件内容（JSON）").click();
  await page.getByTestId("verify-paste").fill(serializeDisclosure(discloseFields(licence.file, CHOSEN)));
  await page.getByTestId("verify-check").click();
  await expect(page.getByTestId("verify-result")).toHaveAttribute("data-valid", "true");
  await page.getByTestId("record-verification").click();
  const recorded = page.getByTestId("record-result");
  await expect(recorded).toHaveClass(/ok/);
  const hash = (await recorded.textContent())!.match(/0x[0-9a-f]{64}/)![0] as Hex;
  const client = oneWindow();
  const receipt = await client.public.getTransactionReceipt({ hash });
  const [event] = parseEventLogs({ abi: ABIS.LicenceRegistry, logs: receipt.logs, eventName: "LicenceVerified" });
  expect(event!.args.licenceId).toBe(licence.licenceId);
  expect(event!.args.result).toBe(7);
  expect(event!.args.fieldMask).toBe(fieldMaskOf(licence.file.fieldNames, CHOSEN));
  await shot(page, "verify-clerk-recorded");
});

test.describe("phone-sized, in English", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("/verify and /wallet fit a phone and speak English", async ({ page, context }) => {
    await context.addCookies([{ name: LANG_COOKIE, value: "en", url: platform().baseUrl }]);
    await page.goto("/verify");
    await expect(page.locator("main h1")).toHaveText("Verify a licence");
    await page.getByTestId("verify-file").setInputFiles({
      name: "licence.json",
      mimeType: "application/json",
      buffer: Buffer.from(serializeDisclosure(discloseFields(licence.file, CHOSEN))),
    });
    await expect(page.getByTestId("verdict-headline")).toContainText("Valid: intact, in force");
    await expect(page.locator('[data-testid="verdict-part"][data-part="issuer"]')).toContainText(
      "was authorised to issue",
    );
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(1);
    await shot(page, "phone-verify-en");

    await openConnected(page, "/wallet", licence.holderKey);
    await expect(page.locator("main h1")).toHaveText("My licences");
    await page.getByTestId("wallet-sign-in").click();
    const card = page.locator(`[data-testid="held-licence"][data-licence="${licence.licenceId}"]`);
    await expect(card.getByTestId("verdict-headline")).toContainText("Valid");
    await card.getByTestId("present").click();
    for (const name of CHOSEN) await card.locator(`[data-testid="present-field"][data-field="${name}"]`).check();
    await card.getByTestId("present-create").click();
    await expect(card.getByTestId("present-qr")).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(1);
    await shot(page, "phone-wallet-en");
  });
});
