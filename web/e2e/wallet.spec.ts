/**
 * The holder's wallet and presentations (issue 16): a holder signs in, sees their licence checked on
 * chain, presents 3 of its fields by QR code and link; a verifier in another browser context with no
 * wallet opens the link and sees exactly those 3 fields proven and the licence valid, and no other
 * field anywhere (page, network answers, link). After the issuer revokes it, the verifier sees it
 * revoked first. A withdrawn or expired presentation no longer opens. An output licence the exchange
 * does not hold is not offered for download: the page says what is missing and who must act.
 */
import { readFileSync } from "node:fs";

import { expect, test, type Browser, type Page } from "@playwright/test";

import { openConnected, shot } from "./helpers.ts";
import { applicant, application, platform } from "./platform.ts";
import { issueFreshLicence, presentOutside, revoke, type IssuedLicence } from "./presenting.ts";

test.use({ baseURL: platform().baseUrl });
test.describe.configure({ mode: "serial" });

const CHOSEN = ["name", "legalRepresentative", "registeredAddress"];

let licence: IssuedLicence;
let link: string;
/** A presentation with the shortest lifetime (60 s), made first and opened last, after it expired. */
let shortLived: { fragment: string; madeAt: number };

test.beforeAll(async () => {
  licence = await issueFreshLicence();
  shortLived = { fragment: await presentOutside(licence, CHOSEN, 60), madeAt: Date.now() };
});

const otherValues = () =>
  licence.file.fields.filter((f) => !CHOSEN.includes(f.name) && f.value.length >= 4).map((f) => f.value);

/** A verifier: a new browser context, no wallet; every network answer's text is kept. */
async function verifier(browser: Browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ baseURL: platform().baseUrl, viewport, locale: "zh-CN" });
  const page = await context.newPage();
  const answers: Promise<string>[] = [];
  page.on("response", (response) => answers.push(response.text().catch(() => "")));
  return { context, page, answers: async () => (await Promise.all(answers)).join("\n") };
}

async function signInToWallet(page: Page) {
  await openConnected(page, "/wallet", licence.holderKey);
  await page.getByTestId("wallet-sign-in").click();
  const card = page.locator(`[data-testid="held-licence"][data-licence="${licence.licenceId}"]`);
  await expect(card).toBeVisible();
  return card;
}

test("the holder sees the licence checked on chain and presents 3 fields; a verifier without wallet sees exactly those, valid", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const card = await signInToWallet(page);
  await expect(card).toHaveAttribute("data-valid", "true");
  await expect(card.getByTestId("verdict-headline")).toHaveAttribute("data-verdict", "valid");
  await expect(card.getByTestId("verdict-part")).toHaveCount(4);
  for (const part of ["integrity", "status", "issuer", "seal"])
    await expect(card.locator(`[data-testid="verdict-part"][data-part="${part}"]`)).toHaveAttribute("data-ok", "true");
  await expect(card.getByTestId("licence-department")).not.toHaveText(/^#/);
  await expect(card.getByRole("heading", { level: 2 })).toContainText("营业执照");
  await expect(page.getByTestId("wallet-subnav").getByRole("link")).toHaveText([
    "我的证照",
    "我的授权",
    "谁查看了我的数据",
  ]);
  await card.locator("summary", { hasText: "证照内容" }).click();
  await expect(card.locator('[data-testid="licence-field"][data-field="registeredAddress"] th')).toHaveText("住所");
  await shot(page, "wallet");

  await card.getByTestId("present").click();
  for (const name of CHOSEN) await card.locator(`[data-testid="present-field"][data-field="${name}"]`).check();
  await card.getByTestId("present-lifetime").selectOption("600");
  await card.getByTestId("present-create").click();
  await expect(card.getByTestId("present-ready")).toBeVisible();
  await expect(card.getByTestId("present-qr")).toBeVisible();
  link = await card.getByTestId("present-link").inputValue();
  const bytes = Number(await card.getByTestId("present-qr").getAttribute("data-bytes"));
  expect(bytes).toBe(Buffer.byteLength(link));
  expect(bytes).toBeLessThan(120);
  test.info().annotations.push({ type: "qr-payload-bytes", description: String(bytes) });
  console.log(`QR payload of a 3-field presentation: ${bytes} bytes (${link.replace(/#.*/, "#p=…")})`);
  await shot(page, "wallet-present");

  // The presentation file holds the chosen fields only.
  const download = page.waitForEvent("download");
  await card.getByTestId("present-file").click();
  const file = JSON.parse(readFileSync((await (await download).path())!, "utf8")) as { fields: { name: string }[] };
  expect(file.fields.map((f) => f.name).sort()).toEqual([...CHOSEN].sort());

  for (const value of [...otherValues(), ...CHOSEN.map((n) => licence.file.fields.find((f) => f.name === n)!.value)])
    expect(decodeURIComponent(link)).not.toContain(value);

  const { context, page: other, answers } = await verifier(browser);
  await other.goto(link);
  const result = other.getByTestId("verify-result");
  await expect(result).toHaveAttribute("data-valid", "true");
  await expect(other.getByTestId("verdict-headline")).toHaveAttribute("data-verdict", "valid");
  const fields = other.getByTestId("licence-field");
  expect(await fields.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-field")).sort())).toEqual(
    [...CHOSEN].sort(),
  );
  for (const row of await fields.all()) await expect(row).toHaveAttribute("data-proven", "true");
  for (const name of CHOSEN)
    await expect(
      other.locator(`[data-testid="licence-field"][data-field="${name}"] [data-testid="field-value"]`),
    ).toHaveText(licence.file.fields.find((f) => f.name === name)!.value);
  await expect(other.getByTestId("verify-department")).not.toHaveText(/^#/);
  await expect(other.getByTestId("verdict-block")).toHaveAttribute("data-block", /^\d+$/);
  await expect(other.getByTestId("clerk-connect")).toBeVisible();
  await shot(other, "verify-presentation");
  const html = await other.content();
  const network = await answers();
  for (const value of otherValues()) {
    expect(html).not.toContain(value);
    expect(network).not.toContain(value);
  }
  await context.close();
});

test("after the issuer revokes the licence, the verifier sees it revoked, first", async ({ page, browser }) => {
  await revoke(licence);
  const { context, page: other } = await verifier(browser);
  await other.goto(link);
  await expect(other.getByTestId("verify-result")).toHaveAttribute("data-valid", "false");
  const headline = other.getByTestId("verdict-headline");
  await expect(headline).toHaveAttribute("data-verdict", "revoked");
  await expect(headline).toContainText("已吊销");
  // The first thing the result says.
  expect(
    await other.getByTestId("verify-result").evaluate((el) => el.firstElementChild?.getAttribute("data-testid")),
  ).toBe("verdict-headline");
  await expect(other.locator('[data-testid="verdict-part"][data-part="status"]')).toHaveAttribute("data-ok", "false");
  await shot(other, "verify-revoked");
  await context.close();

  // The holder's wallet says so too, unmistakably, and offers no presenting.
  const card = await signInToWallet(page);
  await expect(card.getByTestId("verdict-headline")).toHaveAttribute("data-verdict", "revoked");
  await expect(card.getByTestId("present")).toBeDisabled();
  await shot(page, "wallet-revoked");
});

test("a withdrawn presentation and an expired one no longer open", async ({ page, browser }) => {
  test.setTimeout(180_000);
  // A licence that is still valid: a fresh one; its holder presents and withdraws in the wallet.
  licence = await issueFreshLicence();
  const card = await signInToWallet(page);
  await card.getByTestId("present").click();
  await card.locator('[data-testid="present-field"][data-field="name"]').check();
  await card.getByTestId("present-create").click();
  const withdrawnLink = await card.getByTestId("present-link").inputValue();
  await card.getByTestId("present-withdraw").click();
  await expect(card.getByTestId("present-withdrawn")).toBeVisible();

  const { context, page: other } = await verifier(browser);
  await other.goto(withdrawnLink);
  await expect(other.getByTestId("verify-error")).toContainText("持证人已撤回该出示");
  await expect(other.getByTestId("verify-result")).toHaveCount(0);
  await shot(other, "verify-withdrawn");

  // The 60-second presentation made before the first test: wait out its lifetime, then it is refused.
  const wait = shortLived.madeAt + 62_000 - Date.now();
  if (wait > 0) await other.waitForTimeout(wait);
  await other.goto(`/verify#${shortLived.fragment}`);
  await expect(other.getByTestId("verify-error")).toContainText("该出示已过期");
  await context.close();
});

test("an output licence the exchange does not hold is not offered for download: what is missing and who must act", async ({
  page,
}) => {
  const gallery = applicant("画廊");
  const completed = application("HD-GALLERY", "completed");
  // The exchange answers as it does when it holds no file of the licence.
  await page.route("**/api/exchange/licences/0x*", (route) =>
    route.fulfill({
      status: 404,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "NOT_FOUND", message: { zh: "未找到。", en: "Not found." } } }),
    }),
  );
  await openConnected(page, `/applications/${completed}`, gallery.privateKey);
  await page.getByTestId("download").click();
  const missing = page.getByTestId("download-missing");
  await expect(missing).toContainText("出证的证照文件还不在数据交换平台");
  await expect(missing).toContainText("海淀区文化和旅游局");
  await expect(page.getByTestId("download")).toHaveCount(0);
  await shot(page, "application-output-missing");
});
