/**
 * The department's review page (/workbench/<application>/<step>): an art-business filing (HD-GALLERY)
 * submitted through the SDK by the demo gallery, whose business licence's fields the applicant lets
 * the culture bureau read for this application (consent, purpose = application id) and whose filing
 * form is shared with the bureau. A culture officer reviews it in the browser: on-chain badges,
 * the fields decrypted with the bureau's key and proven, the document checked against its hash,
 * a vote. Bad input: a wrong or malformed key, an application without consent or shared document,
 * people who are not the step's officers, a bad address.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import {
  ABIS,
  createOneWindowClient,
  getMatterByCode,
  grantConsent,
  parseLicenceFile,
  submitApplication,
  type LicenceFile,
} from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";
import { expect, test, type Page } from "@playwright/test";
import type { Hex } from "viem";

import { demoLicence, uploadDocument } from "./exchange.ts";
import { openConnected, shot } from "./helpers.ts";
import { applicant, officers, platform, ROOT } from "./platform.ts";

test.use({ baseURL: platform().baseUrl });
test.describe.configure({ mode: "serial" });

type DemoDepartment = { code: string; id: number; encryptionPrivateKey: Hex };
function department(code: string): DemoDepartment {
  const { departments } = JSON.parse(readFileSync(path.join(ROOT, ".data", "demo", "accounts.json"), "utf8")) as {
    departments: DemoDepartment[];
  };
  return departments.find((d) => d.code === code)!;
}

const gallery = applicant("画廊");
const culture = department("HD-CULTURE");
const CONSENTED = ["unifiedSocialCreditCode", "name", "legalRepresentative", "registeredAddress", "businessScope"];

/** The gallery applies for HD-GALLERY through the SDK; with `consent`, it lets culture read the consented fields. */
async function galleryApplies(options: { consent: boolean; share: boolean }) {
  const { rpcUrl, chainId } = platform();
  const client = createOneWindowClient({
    rpcUrl,
    deployment: readDeployment({ chainId, directory: path.join(ROOT, "deployments") }),
    account: gallery.privateKey,
  });
  const matter = (await getMatterByCode(client, { code: "HD-GALLERY" }))!;
  const licence = demoLicence(gallery.address, "BUSINESS_LICENCE");
  const file: LicenceFile = parseLicenceFile(licence.file);
  const form = new TextEncoder().encode(`%PDF-1.4 art business filing form (review test) ${Date.now()}`);
  const hash = await uploadDocument(gallery.privateKey, form, options.share ? [culture.id] : []);
  const uploadMaterial = matter.definition.materials.findIndex((x) => x.kind === "upload" && !x.condition);
  const { applicationId } = await submitApplication(client, {
    matterId: matter.matterId,
    licences: [{ licence: file }],
    uploads: [{ material: uploadMaterial, contentHash: hash }],
  });
  const consent = matter.definition.materials.find((x) => x.kind === "licence")!;
  if (options.consent && consent.kind === "licence" && consent.consent) {
    const now = Number((await client.public.getBlock()).timestamp);
    await grantConsent(client, {
      departmentId: consent.consent.departmentId,
      licenceId: file.licenceId,
      fieldMask: consent.consent.fieldMask ?? 0n,
      purpose: applicationId,
      expiresAt: now + 30 * 86_400,
    });
  }
  return { applicationId, file, form, hash, client, matter };
}

async function readFields(page: Page, key: string) {
  await page.getByTestId("department-key").fill(key);
  await page.getByTestId("read-fields").click();
}

test("a culture officer reviews a consented application: badges, decrypted and proven fields, the checked document, a vote", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const { applicationId, file, form, hash, client, matter } = await galleryApplies({ consent: true, share: true });
  const officer = officers("HD-CULTURE")[0]!;
  const page = await browser.newPage();
  await openConnected(page, "/workbench", officer.privateKey);
  const row = page.locator(`[data-testid="queue-item"][data-application="${applicationId}"]`);
  await row.getByTestId("review-link").click();
  await page.waitForURL(`**/workbench/${applicationId}/0`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("审查：我要开画廊");

  // The material presented, verified on chain.
  const licence = page.locator(`[data-testid="licence"][data-licence="${file.licenceId}"]`);
  await expect(licence).toContainText("材料：营业执照");
  await expect(licence.getByTestId("badge-status")).toHaveText("✓ 状态有效");
  await expect(licence.getByTestId("badge-status")).toHaveAttribute("data-value", "valid");
  await expect(licence.getByTestId("badge-issuer")).toHaveText("✓ 签发机关有权签发");
  await expect(licence.getByTestId("badge-holder")).toHaveText("✓ 持证人是申请人");
  await expect(page.getByTestId("key-note")).toContainText("从不发送到任何地方");

  // Bad keys first: nothing is disclosed.
  await readFields(page, "not a key");
  await expect(page.getByTestId("key-error")).toContainText("这不是私钥");
  await readFields(page, department("HD-FIRE").encryptionPrivateKey);
  await expect(page.getByTestId("key-error")).toContainText("此私钥无法打开海淀区文化和旅游局的披露数据");
  await expect(page.getByTestId("disclosed-field")).toHaveCount(0);

  // The bureau's key: the consented fields, decrypted here, each proven.
  await readFields(page, culture.encryptionPrivateKey);
  await expect(page.getByTestId("key-error")).toHaveCount(0);
  const fields = page.getByTestId("disclosed-field");
  await expect(fields).toHaveCount(CONSENTED.length);
  for (const name of CONSENTED) {
    const row = page.locator(`[data-testid="disclosed-field"][data-field="${name}"]`);
    await expect(row.getByTestId("disclosed-value")).toHaveText(file.fields.find((f) => f.name === name)!.value);
    await expect(row.getByTestId("proof-badge")).toHaveText("✓ 已证明");
  }
  await expect(page.getByTestId("disclosure-problems")).toHaveCount(0);

  // The check recorded on chain by the officer's wallet: the licence, this application, the consented
  // fields' mask and all three result bits; no field value in the transaction.
  await page.getByTestId("record-verification").click();
  await expect(page.getByTestId("record-result")).toContainText("已在链上留存核验记录");
  await expect(page.getByTestId("record-verification")).toBeDisabled();
  const verified = await client.public.getContractEvents({
    address: client.deployment.contracts.LicenceRegistry.address,
    abi: ABIS.LicenceRegistry,
    eventName: "LicenceVerified",
    args: { licenceId: file.licenceId },
    fromBlock: 0n,
  });
  expect(verified).toHaveLength(1);
  const [evidence] = verified;
  expect(evidence!.args).toMatchObject({ verifierDepartment: culture.id, purpose: applicationId, result: 7 });
  expect(evidence!.args.officer?.toLowerCase()).toBe(officer.address.toLowerCase());
  const material = matter.definition.materials.find((x) => x.kind === "licence");
  if (material?.kind !== "licence" || !material.consent)
    throw new Error("HD-GALLERY's licence material names no consent");
  expect(evidence!.args.fieldMask).toBe(material.consent.fieldMask);
  const sent = await client.public.getTransaction({ hash: evidence!.transactionHash });
  expect(sent.from.toLowerCase()).toBe(officer.address.toLowerCase());
  for (const name of CONSENTED) {
    const value = Buffer.from(file.fields.find((f) => f.name === name)!.value).toString("hex");
    expect(sent.input.toLowerCase()).not.toContain(value.toLowerCase());
  }
  // Auditors see it on the audit page (indexer or chain).
  const audit = await browser.newPage();
  await expect(async () => {
    await audit.goto(`/audit?licence=${file.licenceId}`);
    await expect(audit.getByTestId("verifications")).toContainText(officer.address, {
      ignoreCase: true,
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });
  await expect(audit.getByTestId("verifications")).toContainText("海淀区文化和旅游局");
  await audit.close();

  // The filing form, checked against its hash on chain before it is offered.
  const upload = page.locator(`[data-testid="upload"][data-hash="${hash}"]`);
  await expect(upload).toContainText("艺术品经营单位备案表");
  await upload.getByTestId("view-upload").click();
  await expect(upload.getByTestId("upload-hash")).toHaveText("✓ 内容与链上哈希一致");
  const download = page.waitForEvent("download");
  await upload.getByTestId("upload-link").click();
  expect(new Uint8Array(readFileSync((await (await download).path())!))).toEqual(form);

  // The decision panel of the queue, here: the first of 3 of 5 votes names the output licence,
  // its fields filled in from the proven disclosed ones of the same name.
  const decision = page.getByTestId("review-decision");
  for (const name of ["unifiedSocialCreditCode", "legalRepresentative", "businessScope"])
    await expect(decision.getByTestId(`output-${name}`)).toHaveValue(file.fields.find((f) => f.name === name)!.value);
  await expect(decision.getByTestId("backfilled")).toContainText("unifiedSocialCreditCode");
  await shot(page, "review-gallery");
  await decision.getByTestId("output-filingNumber").fill("HD-ART-2026-0099");
  await decision.getByTestId("output-unitName").fill(file.fields.find((f) => f.name === "name")!.value);
  await decision.getByTestId("approve").click();
  await expect(decision.getByTestId("decision-result")).toContainText("您已签，等待其他工作人员（1/3）");
  await page.close();

  // A second officer signs from the review page too (the output licence named by the first): 2 of 3.
  const second = await browser.newPage();
  await openConnected(second, `/workbench/${applicationId}/0`, officers("HD-CULTURE")[1]!.privateKey);
  await expect(second.getByTestId("review-summary")).toContainText("1/3 签");
  await second.getByTestId("review-decision").getByTestId("approve").click();
  await expect(second.getByTestId("decision-result")).toContainText("您已签，等待其他工作人员（2/3）");
  await second.close();
});

test("without the applicant's consent no field is disclosed, and an unshared document is not served", async ({
  page,
}) => {
  const { applicationId, hash } = await galleryApplies({ consent: false, share: false });
  await openConnected(page, `/workbench/${applicationId}/0`, officers("HD-CULTURE")[1]!.privateKey);
  await expect(page.getByTestId("licence")).toHaveCount(1);
  await readFields(page, culture.encryptionPrivateKey);
  await expect(page.getByTestId("no-consent")).toContainText("申请人尚未授权海淀区文化和旅游局为本申请读取《");
  await expect(page.getByTestId("disclosed-field")).toHaveCount(0);
  const upload = page.locator(`[data-testid="upload"][data-hash="${hash}"]`);
  await upload.getByTestId("view-upload").click();
  await expect(upload.getByTestId("upload-error")).toContainText("申请人尚未向本部门共享此文件");
  await expect(upload.getByTestId("upload-link")).toHaveCount(0);
  await shot(page, "review-no-consent");
});

test("only the step's officers see the review; a bad address is refused", async ({ browser }) => {
  const { applicationId } = await galleryApplies({ consent: true, share: true });
  const route = `/workbench/${applicationId}/0`;
  for (const [key, text] of [
    [gallery.privateKey, "不是任何部门的工作人员"],
    [officers("HD-SAMR")[0]!.privateKey, "本环节由海淀区文化和旅游局审查，当前账户属于海淀区市场监督管理局"],
  ] as const) {
    const page = await browser.newPage();
    await openConnected(page, route, key);
    await expect(page.getByTestId("review-denied")).toContainText(text);
    await expect(page.getByTestId("licence")).toHaveCount(0);
    await expect(page.getByTestId("department-key")).toHaveCount(0);
    await page.close();
  }
  const page = await browser.newPage();
  await page.goto("/workbench/0x1234/0");
  await expect(page.getByTestId("review-error")).toHaveText("申请编号应为 0x 开头的 64 位十六进制数。");
  await page.goto(`${route.slice(0, -1)}7`);
  await expect(page.getByTestId("review-error")).toContainText("未找到");
  await page.close();
});
