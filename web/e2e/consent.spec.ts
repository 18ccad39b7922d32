/**
 * The apply wizard's consent step: the applicant sees exactly which department reads which fields
 * of which licence, for which application and until when, and grants every consent with ONE wallet
 * signature (ConsentRegistry multicall) before the application is submitted. A refused signature
 * says what to do and submits nothing. The uploaded documents are shared with the matter's
 * departments at submission. Checked on chain with viem and on the exchange as an officer.
 */
import path from "node:path";

import { ABIS, fieldMaskOf, type Deployment } from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";
import { expect, test, type Page } from "@playwright/test";
import { createPublicClient, http, parseEventLogs, type Hex } from "viem";

import { demoLicence, exchangeSignIn } from "./exchange.ts";
import { shot } from "./helpers.ts";
import { applicant, demo, officers, platform, ROOT } from "./platform.ts";
import { injectWallet, type WalletOptions } from "./wallet.ts";

test.use({ baseURL: platform().baseUrl });
test.describe.configure({ mode: "serial" });

const GALLERY_FIELDS = ["unifiedSocialCreditCode", "name", "legalRepresentative", "registeredAddress", "businessScope"];
const DAY = 86_400;

function chain() {
  const { rpcUrl, chainId } = platform();
  const deployment: Deployment = readDeployment({ chainId, directory: path.join(ROOT, "deployments") });
  return { client: createPublicClient({ transport: http(rpcUrl) }), deployment };
}

const departmentId = (code: string) => demo().departments.find((d) => d.code === code)!.id;

function licenceFields(holder: Hex, type: string): { licenceId: Hex; fieldNames: string[] } {
  const { licenceId, file } = demoLicence(holder, type);
  return { licenceId, fieldNames: (file as { fieldNames: string[] }).fieldNames };
}

async function isGranted(holder: Hex, department: number, licenceId: Hex, mask: bigint, purpose: Hex) {
  const { client, deployment } = chain();
  return client.readContract({
    address: deployment.contracts.ConsentRegistry.address,
    abi: ABIS.ConsentRegistry,
    functionName: "isGranted",
    args: [holder, department, licenceId, mask, purpose],
  });
}

async function consentExpiry(holder: Hex, department: number, licenceId: Hex, purpose: Hex) {
  const { client, deployment } = chain();
  const address = deployment.contracts.ConsentRegistry.address;
  const id = await client.readContract({
    address,
    abi: ABIS.ConsentRegistry,
    functionName: "consentId",
    args: [holder, department, licenceId, purpose],
  });
  const consent = await client.readContract({
    address,
    abi: ABIS.ConsentRegistry,
    functionName: "getConsent",
    args: [id],
  });
  return { grantedAt: consent.grantedAt, expiresAt: consent.expiresAt };
}

/** Opens the apply page with a wallet whose `options` the test may change later (e.g. to refuse). */
async function openApply(page: Page, code: string, options: WalletOptions) {
  await injectWallet(page, options);
  await page.goto(`/matters/${code}/apply`);
  await page.getByTestId("connect").click();
  await expect(page.getByTestId("account")).toBeVisible();
}

async function uploadAll(page: Page) {
  const inputs = page.locator('input[type="file"]');
  const count = await inputs.count();
  for (let i = 0; i < count; i++)
    await inputs.nth(i).setInputFiles({
      name: `document-${i}.pdf`,
      mimeType: "application/pdf",
      buffer: Buffer.from(`%PDF-1.4 consent test document ${i} ${Date.now()}`),
    });
  await expect(page.getByText(/已上传，哈希 0x/)).toHaveCount(count);
}

test("gallery: the consent list, a refused signature submits nothing, then one signature grants the consent and submits", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const gallery = applicant("画廊");
  const { rpcUrl, chainId } = platform();
  const options: WalletOptions = { key: gallery.privateKey, rpcUrl, chainId };
  const licence = licenceFields(gallery.address, "BUSINESS_LICENCE");
  const mask = fieldMaskOf(licence.fieldNames, GALLERY_FIELDS);
  const culture = departmentId("HD-CULTURE");
  const { client } = chain();

  await openApply(page, "HD-GALLERY", options);
  // Before anything is signed: who reads what, for which application, for how long.
  const rows = page.getByTestId("consent-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-department", String(culture));
  await expect(rows.first()).toContainText("海淀区文化和旅游局");
  await expect(rows.first()).toContainText("营业执照");
  await expect(page.getByTestId("consent-intro")).toContainText("90 天");
  await expect(page.getByTestId("consent-purpose")).toContainText(/申请编号 0x[0-9a-f]{64}/);
  await expect(page.getByTestId("submit")).toHaveText("签名授权并提交申请");

  await page.getByTestId("pull").click();
  await expect(page.getByTestId("pulled-licence")).toHaveAttribute("data-valid", "true");
  // The fields come from the pulled licence file's field names and the matter's mask.
  await expect(rows.first()).toContainText(`证照编号 ${licence.licenceId.slice(0, 12)}`);
  expect(
    await page.getByTestId("consent-field").evaluateAll((l) => l.map((x) => x.getAttribute("data-field"))),
  ).toEqual(GALLERY_FIELDS);
  await expect(page.getByTestId("consent-field").first()).toHaveText("统一社会信用代码 (unifiedSocialCreditCode)");
  await uploadAll(page);
  const purpose = (await page.getByTestId("consent-purpose").textContent())!.match(/0x[0-9a-f]{64}/)![0] as Hex;
  await shot(page, "apply-gallery-consent");

  // The wallet refuses: a human message, no transaction, nothing submitted, no consent.
  const nonce = await client.getTransactionCount({ address: gallery.address });
  options.rejectSignatures = true;
  await page.getByTestId("submit").click();
  const error = page.getByTestId("apply-error");
  await expect(error).toContainText("授权未完成，申请未提交");
  await expect(error).toContainText("您在钱包中拒绝了签名");
  await expect(error).toContainText("再次点击提交");
  expect(await error.textContent()).not.toMatch(/Error:|at .*\(|4001/);
  await expect(page.getByTestId("consent-granted")).toHaveCount(0);
  expect(page.url()).toMatch(/\/matters\/HD-GALLERY\/apply$/);
  expect(await client.getTransactionCount({ address: gallery.address })).toBe(nonce);
  expect(await isGranted(gallery.address, culture, licence.licenceId, mask, purpose)).toBe(false);
  await shot(page, "apply-consent-refused");

  // Again, accepted: one transaction for the consents, one for the submission.
  options.rejectSignatures = false;
  await page.getByTestId("submit").click();
  await page.waitForURL(/\/applications\/0x[0-9a-f]{64}$/);
  const applicationId = page.url().split("/").pop() as Hex;
  expect(applicationId).toBe(purpose);
  expect(await client.getTransactionCount({ address: gallery.address })).toBe(nonce + 2);
  expect(await isGranted(gallery.address, culture, licence.licenceId, mask, applicationId)).toBe(true);
  // Only the consented fields: one more field is not granted, nor another department.
  const wider = mask | fieldMaskOf(licence.fieldNames, ["establishedOn"]);
  expect(await isGranted(gallery.address, culture, licence.licenceId, wider, applicationId)).toBe(false);
  expect(await isGranted(gallery.address, departmentId("HD-FIRE"), licence.licenceId, mask, applicationId)).toBe(false);
  const { grantedAt, expiresAt } = await consentExpiry(gallery.address, culture, licence.licenceId, applicationId);
  expect(expiresAt - grantedAt).toBeGreaterThan(89 * DAY);
  expect(expiresAt - grantedAt).toBeLessThanOrEqual(90 * DAY);

  // The filing form was shared with the culture bureau at submission: its officer can read it.
  const receipt = await client.getTransactionReceipt({
    hash: (await client.getLogs({ address: chain().deployment.contracts.ApprovalEngine.address, fromBlock: 0n }))
      .filter((l) => l.topics[1]?.toLowerCase() === applicationId)
      .at(0)!.transactionHash,
  });
  const [submitted] = parseEventLogs({
    abi: ABIS.ApprovalEngine,
    logs: receipt.logs,
    eventName: "ApplicationSubmitted",
  });
  expect(submitted!.args.uploadHashes).toHaveLength(1);
  const token = await exchangeSignIn(officers("HD-CULTURE")[0]!.privateKey);
  const response = await fetch(`${platform().exchangeUrl}/uploads/${submitted!.args.uploadHashes[0]}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  expect(Buffer.from(await response.arrayBuffer()).toString()).toContain("consent test document 0");
  const outsider = await exchangeSignIn(officers("HD-FIRE")[0]!.privateKey);
  const refused = await fetch(`${platform().exchangeUrl}/uploads/${submitted!.args.uploadHashes[0]}`, {
    headers: { authorization: `Bearer ${outsider}` },
  });
  expect(refused.status).toBeGreaterThanOrEqual(400);
});

test("VR hall: two departments' consents on two licences, granted with one signature", async ({ page }) => {
  test.setTimeout(240_000);
  const hall = applicant("VR体验馆");
  const { rpcUrl, chainId } = platform();
  const business = licenceFields(hall.address, "BUSINESS_LICENCE");
  const premises = licenceFields(hall.address, "REAL_ESTATE_CERTIFICATE");
  const { client } = chain();

  await openApply(page, "HD-VR-HALL", { key: hall.privateKey, rpcUrl, chainId });
  const rows = page.getByTestId("consent-row");
  await expect(rows).toHaveCount(2);
  await expect(page.getByText("共 2 项授权，一次签名")).toBeVisible();
  await page.getByTestId("pull").click();
  await expect(page.getByTestId("pulled-licence")).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("北京市海淀区消防救援支队");
  expect(
    await rows
      .nth(1)
      .getByTestId("consent-field")
      .evaluateAll((l) => l.map((x) => x.getAttribute("data-field"))),
  ).toEqual(["address", "area", "use"]);
  await uploadAll(page);
  const nonce = await client.getTransactionCount({ address: hall.address });
  await page.getByTestId("submit").click();
  await page.waitForURL(/\/applications\/0x[0-9a-f]{64}$/, { timeout: 120_000 });
  const applicationId = page.url().split("/").pop() as Hex;
  // Two consents and the submission: two transactions, so two wallet signatures in all.
  expect(await client.getTransactionCount({ address: hall.address })).toBe(nonce + 2);
  const culture = departmentId("HD-CULTURE");
  const fire = departmentId("HD-FIRE");
  const cultureMask = fieldMaskOf(business.fieldNames, GALLERY_FIELDS.slice(0, 4));
  const fireMask = fieldMaskOf(premises.fieldNames, ["address", "area", "use"]);
  expect(await isGranted(hall.address, culture, business.licenceId, cultureMask, applicationId)).toBe(true);
  expect(await isGranted(hall.address, fire, premises.licenceId, fireMask, applicationId)).toBe(true);
  expect(await isGranted(hall.address, fire, business.licenceId, cultureMask, applicationId)).toBe(false);
});

test("a matter without consents says so and submits with the plain button", async ({ page }) => {
  await page.goto("/matters/BJ-REAL-ESTATE-TRANSFER/apply");
  await expect(page.getByTestId("no-consent")).toHaveText("本事项不需要向部门授权读取证照字段。");
  await expect(page.getByTestId("consent-step")).toHaveCount(0);
  await expect(page.getByTestId("submit")).toHaveText("签名并提交申请");
});

test("on a phone-sized screen the consent step fits the width", async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const gallery = applicant("画廊");
  const { rpcUrl, chainId } = platform();
  await openApply(page, "HD-GALLERY", { key: gallery.privateKey, rpcUrl, chainId });
  await page.getByTestId("pull").click();
  await expect(page.getByTestId("consent-field")).toHaveCount(GALLERY_FIELDS.length);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await shot(page, "phone-apply-consent");
  await page.close();
});
