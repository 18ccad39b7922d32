/**
 * The holder's data tracker, the 受理号 and the matter page's names (issue 16):
 * - a holder's consent to the power company is listed by names (department, licence, field labels,
 *   the application's 受理号); the holder revokes it in the web with one signature; the power
 *   company's next disclosure is refused; the refused attempt is the newest entry of the holder's
 *   "Who read my data", after the granted read, with department, officer, fields and purpose;
 * - the activity pages by cursor: the next page continues where the first ended, nothing twice;
 * - the 受理号 is on the application page, and the workbench and the audit console find the
 *   application by it (typed in lower case, without hyphens); a typo is caught by its check symbol;
 * - the matter page names fields by their labels and conditions in words;
 * - phone-sized and English.
 */
import path from "node:path";

import {
  applicationNumberOf,
  createOneWindowClient,
  fieldMaskOf,
  getDepartment,
  grantConsents,
  isConsentGranted,
  recordVerification,
} from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";
import { expect, test, type Page } from "@playwright/test";
import type { Hex } from "viem";

import { exchangePost } from "@onewindow/testkit/exchange-client";

import { demoLicence, exchangeSignIn } from "./exchange.ts";
import { openConnected, shot } from "./helpers.ts";
import { applicant, demo, officers, platform, ROOT } from "./platform.ts";

test.use({ baseURL: platform().baseUrl });
test.describe.configure({ mode: "serial" });

const PHONE = { width: 390, height: 844 };
/** The holder's fields the power company may read (their labels, zh). */
const READ = ["registeredAddress", "name"];
const READ_LABELS = ["住所", "名称/姓名"];

/** The completed high-tech enterprise application of the demo, its applicant, and their business licence. */
function setting() {
  const app = demo().applications.find((a) => a.matter === "HD-ZGC-HNTE" && a.state === "completed")!;
  const holder = applicant(app.applicant);
  const licence = demoLicence(holder.address, "BUSINESS_LICENCE");
  const fieldNames = (licence.file as { fieldNames: string[] }).fieldNames;
  const power = demo().departments.find((d) => d.code === "SGCC-HD")!.id;
  return { applicationId: app.applicationId, holder, licenceId: licence.licenceId, fieldNames, power };
}

function client(account?: Hex) {
  const { rpcUrl, chainId } = platform();
  return createOneWindowClient({
    rpcUrl,
    deployment: readDeployment({ chainId, directory: path.join(ROOT, "deployments") }),
    ...(account ? { account } : {}),
  });
}

/** The power company's officer asks the exchange for the consented fields; the HTTP status. */
async function powerDiscloses(licenceId: Hex, purpose: Hex): Promise<number> {
  const token = await exchangeSignIn(officers("SGCC-HD")[0]!.privateKey);
  const response = await fetch(`${platform().exchangeUrl}/disclosures`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ licenceId, fields: READ, purpose }),
  });
  return response.status;
}

/** Waits until the indexer lists the holder's consent (the page reads the indexer). */
async function indexed(holder: Hex, licenceId: Hex, purpose: Hex, revoked = false) {
  await expect(async () => {
    const response = await fetch(`${platform().baseUrl}/api/tracker/consents?holder=${holder}`);
    const { consents } = (await response.json()) as {
      consents: { licenceId: string; purpose: string; revoked: boolean }[];
    };
    expect(consents.some((c) => c.licenceId === licenceId && c.purpose === purpose && c.revoked === revoked)).toBe(
      true,
    );
  }).toPass({ timeout: 60_000 });
}

async function openActivity(page: Page) {
  await page.getByTestId("activity-load").click();
  await expect(page.getByTestId("activity-list")).toBeVisible({ timeout: 90_000 });
}

test("the holder revokes a consent in the web; the next disclosure is refused and shows in their activity", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const { applicationId, holder, licenceId, fieldNames, power } = setting();
  const holderClient = client(holder.privateKey);
  const now = Number((await holderClient.public.getBlock()).timestamp);
  const consent = {
    departmentId: power,
    licenceId,
    fieldMask: fieldMaskOf(fieldNames, READ),
    purpose: applicationId,
    expiresAt: now + 30 * 86_400,
  };
  await grantConsents(holderClient, { consents: [consent] });
  expect(await powerDiscloses(licenceId, applicationId)).toBe(200);
  await indexed(holder.address, licenceId, applicationId);
  const powerName = (await getDepartment(client(), { departmentId: power })).name;

  // My consents: names, never ids or masks.
  await openConnected(page, "/wallet/consents", holder.privateKey);
  const card = page.locator(
    `[data-testid="consent"][data-department="${power}"][data-licence="${licenceId}"][data-purpose="${applicationId}"]`,
  );
  // The first visit compiles the page and its routes under `next dev`: more time.
  await expect(card).toHaveAttribute("data-state", "active", { timeout: 90_000 });
  await expect(card.getByTestId("consent-department")).toHaveText(powerName);
  await expect(card.getByTestId("consent-licence")).toContainText("营业执照");
  for (const label of READ_LABELS) await expect(card.getByTestId("consent-fields")).toContainText(label);
  await expect(card.getByTestId("consent-purpose")).toContainText(applicationNumberOf(applicationId));
  await expect(card.getByTestId("consent-purpose").getByRole("link")).toHaveAttribute(
    "href",
    `/applications/${applicationId}`,
  );
  expect(await card.textContent()).not.toMatch(/0x[0-9a-f]{6,}/i);
  await shot(page, "wallet-consents");

  // Revoke with one signature: one transaction.
  const nonce = await holderClient.public.getTransactionCount({ address: holder.address });
  await card.getByTestId("consent-select").check();
  await expect(page.getByTestId("consents-revoke")).toContainText("1");
  await page.getByTestId("consents-revoke").click();
  await expect(page.getByTestId("consents-result")).toContainText("已撤回 1 项授权");
  await expect(card).toHaveAttribute("data-state", "revoked");
  expect(await holderClient.public.getTransactionCount({ address: holder.address })).toBe(nonce + 1);
  expect(await isConsentGranted(holderClient, { holder: holder.address, ...consent })).toBe(false);
  await shot(page, "wallet-consents-revoked");

  // The department's next disclosure under it is refused.
  expect(await powerDiscloses(licenceId, applicationId)).toBe(403);

  // Who read my data: the refusal first, then the granted read.
  await page.goto("/wallet/activity");
  await openActivity(page);
  // The newest of the exchange's entries (checks on chain carry the chain's clock, which tests move on).
  const entries = page.locator('[data-testid="activity-entry"][data-outcome]');
  const refused = entries.first();
  await expect(refused).toHaveAttribute("data-kind", "disclosure");
  await expect(refused).toHaveAttribute("data-outcome", "denied");
  await expect(refused.getByTestId("activity-outcome")).toHaveText("已拒绝");
  await expect(refused.getByTestId("activity-title")).toContainText(powerName);
  await expect(refused.getByTestId("activity-title")).toContainText("营业执照");
  for (const label of READ_LABELS) await expect(refused.getByTestId("activity-fields")).toContainText(label);
  await expect(refused.getByTestId("activity-officer")).toHaveText(officers("SGCC-HD")[0]!.address.toLowerCase());
  await expect(refused.getByTestId("activity-purpose")).toContainText(applicationNumberOf(applicationId));
  await expect(refused.getByTestId("activity-purpose")).toContainText("经办人提交的用途编号，非平台所写");
  const granted = page.locator('[data-testid="activity-entry"][data-kind="disclosure"][data-outcome="granted"]');
  await expect(granted.first().getByTestId("activity-title")).toContainText(powerName);
  await shot(page, "wallet-activity");
});

test("the activity pages by cursor: the next page continues where the first ended, nothing twice", async ({ page }) => {
  test.setTimeout(240_000);
  const { applicationId, holder, licenceId, fieldNames, power } = setting();
  const holderClient = client(holder.privateKey);
  const now = Number((await holderClient.public.getBlock()).timestamp);
  await grantConsents(holderClient, {
    consents: [
      {
        departmentId: power,
        licenceId,
        fieldMask: fieldMaskOf(fieldNames, ["name"]),
        purpose: applicationId,
        expiresAt: now + 86_400,
      },
    ],
  });
  // 22 yes/no questions: more than a page (20).
  const token = await exchangeSignIn(officers("SGCC-HD")[0]!.privateKey);
  for (let i = 0; i < 22; i++)
    await exchangePost(
      platform().exchangeUrl,
      "/predicates",
      { licenceId, purpose: applicationId, op: "startsWith", field: "name", value: `${i}` },
      { token },
    );
  const holderToken = await exchangeSignIn(holder.privateKey);
  const log = (await (
    await fetch(`${platform().exchangeUrl}/access-log?limit=500`, {
      headers: { authorization: `Bearer ${holderToken}` },
    })
  ).json()) as { entries: { id: string }[] };

  await openConnected(page, "/wallet/activity", holder.privateKey);
  await openActivity(page);
  const entries = page.locator('[data-testid="activity-entry"][data-kind="predicate"]');
  await expect(entries.first()).toContainText("查询了");
  await expect(page.getByTestId("activity-more")).toBeVisible();
  const logged = page.locator('[data-testid="activity-entry"][data-outcome]');
  await expect(logged).toHaveCount(20);
  expect(await logged.evaluateAll((l) => l.map((x) => x.getAttribute("data-entry")))).toEqual(
    log.entries.slice(0, 20).map((e) => e.id),
  );
  await page.getByTestId("activity-more").click();
  await expect(logged).toHaveCount(Math.min(40, log.entries.length));
  // Newest first, none twice: exactly the exchange's order, the second page after the first.
  const shown = await logged.evaluateAll((l) => l.map((x) => x.getAttribute("data-entry")));
  expect(shown).toEqual(log.entries.slice(0, 40).map((e) => e.id));
  await shot(page, "wallet-activity-paged");
});

test("a check a clerk recorded on chain is in the holder's activity, with its transaction", async ({ page }) => {
  test.setTimeout(180_000);
  const { applicationId, holder, licenceId, fieldNames } = setting();
  const clerk = client(officers("SGCC-HD")[0]!.privateKey);
  const { hash } = await recordVerification(clerk, {
    licenceId,
    purpose: applicationId,
    fieldMask: fieldMaskOf(fieldNames, ["name"]),
    result: 7,
  });
  await expect(async () => {
    const response = await fetch(`${platform().baseUrl}/api/tracker/verifications?licences=${licenceId}`);
    const { verifications } = (await response.json()) as { verifications: { tx: string }[] };
    expect(verifications.some((v) => v.tx === hash)).toBe(true);
  }).toPass({ timeout: 60_000 });
  const powerName = (await getDepartment(client(), { departmentId: setting().power })).name;

  await openConnected(page, "/wallet/activity", holder.privateKey);
  await openActivity(page);
  const check = page.locator('[data-testid="activity-entry"][data-kind="verification"]').first();
  await expect(check).toContainText(powerName);
  await expect(check).toContainText("在链上核验了《营业执照");
  await expect(check.getByTestId("activity-tx")).toHaveText(hash);
  await expect(check).toContainText("真实、有效、签发机关有权签发");
  await expect(check).toContainText("名称/姓名");
  await shot(page, "wallet-activity-verification");
});

test("the 受理号: on the application page, found by the workbench and the audit console; a typo is caught", async ({
  page,
}) => {
  const { applicationId } = setting();
  const number = applicationNumberOf(applicationId);
  await page.goto(`/applications/${applicationId}`);
  await expect(page.getByTestId("application-number")).toContainText(number);
  await expect(page.locator("h1")).toContainText(number);
  await shot(page, "application-number");

  const typed = number.replace(/-/g, "").toLowerCase();
  await page.goto("/workbench");
  await page.getByTestId("number-input").fill(typed);
  await page.getByTestId("number-find").click();
  await expect(page.getByTestId("number-found")).toContainText(number);
  await expect(page.getByTestId("number-found").getByRole("link")).toHaveAttribute(
    "href",
    `/applications/${applicationId}`,
  );
  await shot(page, "workbench-number-search");

  // One symbol mistyped: the check symbol catches it, in words.
  const symbols = [...typed];
  symbols[2] = symbols[2] === "0" ? "1" : "0";
  await page.getByTestId("number-input").fill(symbols.join(""));
  await page.getByTestId("number-find").click();
  await expect(page.getByTestId("number-bad")).toContainText("校验位不符");

  await page.goto("/audit");
  await page.getByTestId("trail-input").fill(typed);
  await page.getByTestId("trail-find").click();
  await expect(page.getByTestId("trail-number")).toContainText(number);
  await expect(page.getByTestId("trail")).toBeVisible();
  await shot(page, "audit-number-search");
});

test("the matter page names the fields each department reads and the conditions, never masks or codes", async ({
  page,
}) => {
  await page.goto("/matters/HD-VR-HALL");
  const consents = page.getByTestId("consent-fields");
  await expect(consents.first()).toBeVisible();
  const text = (await page.getByTestId("materials").textContent()) ?? "";
  expect(text).not.toMatch(/0x[0-9a-f]+/i);
  expect(text).not.toContain("HandledByAgent");
  await expect(page.getByTestId("materials")).toContainText("统一社会信用代码、名称/姓名、法定代表人、住所");
  await expect(page.getByTestId("materials")).toContainText("住址/坐落、面积、用途");
  await expect(page.getByTestId("conditions").first()).toContainText("由代理人办理");
  await shot(page, "matter-field-labels");
});

test("phone-sized and English: consents and activity", async ({ page, context }) => {
  test.setTimeout(180_000);
  const { holder } = setting();
  await page.setViewportSize(PHONE);
  await context.addCookies([{ name: "ow-lang", value: "en", url: platform().baseUrl }]);
  await openConnected(page, "/wallet/consents", holder.privateKey);
  await expect(page.locator("h1")).toHaveText("My consents");
  await expect(page.getByTestId("consent").first()).toBeVisible();
  await expect(page.getByTestId("consent").first().getByTestId("consent-licence")).not.toBeEmpty();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await shot(page, "wallet-consents-phone-en");
  await page.goto("/wallet/activity");
  await expect(page.locator("h1")).toHaveText("Who read my data");
  await openActivity(page);
  await expect(page.getByTestId("activity-outcome").first()).toHaveText(/Granted|Refused/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
  await shot(page, "wallet-activity-phone-en");
  await page.goto("/matters/HD-VR-HALL");
  await expect(page.getByTestId("materials")).toContainText("Unified social credit code");
  await expect(page.getByTestId("conditions").first()).toContainText("an agent applies for the applicant");
  await shot(page, "matter-field-labels-phone-en");
});
