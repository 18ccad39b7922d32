/**
 * The administration console (/admin) as the platform's role holders use it. The demo deployment
 * gives every role to the deployer without delay, so the test sets the roles up honestly through
 * the AccessManager: a registrar whose role carries a 1-hour execution delay (department changes
 * are scheduled, pending, then executed after the test moves the embedded hardhat node's clock), a
 * registrar without delay for licence types, a catalogue editor and a calendar keeper, each a fresh
 * wallet. An applicant's and an officer's wallets are refused every admin action in words.
 *
 * One story on HD-TAX-CERT (one tax step, issuing the tax compliance certificate): the gallery
 * applies under version 1; the registrar adds an officer to the tax bureau (delayed); a new version
 * of the certificate's schema is published; the editor publishes version 2 of the matter (a step
 * added, a conditional material, a rule) after the designer refused a cycle; the gallery applies to
 * version 2; the new officer completes the version-1 application under its one step, issuing a
 * certificate of the new schema; removing the officer takes the workbench away from them.
 */
import path from "node:path";

import {
  createOneWindowClient,
  getApplication,
  getApplicationSteps,
  getCalendarYear,
  getLicence,
  getMatterByCode,
  parseLicenceFile,
  submitApplication,
  writeContract,
  type OneWindowClient,
} from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";
import { expect, test, type Page } from "@playwright/test";
import type { Address, Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { demoLicence } from "./exchange.ts";
import { openConnected, shot } from "./helpers.ts";
import { applicant, demo, officers, platform, ROOT } from "./platform.ts";

test.use({ baseURL: platform().baseUrl });
test.describe.configure({ mode: "serial" });

const ROLE = { REGISTRAR: 1n, CALENDAR_KEEPER: 3n, CATALOGUE_EDITOR: 4n } as const;
const HOUR = 3600;

function clientFor(key: Hex): OneWindowClient {
  const { rpcUrl, chainId } = platform();
  return createOneWindowClient({
    rpcUrl,
    deployment: readDeployment({ chainId, directory: path.join(ROOT, "deployments") }),
    account: key,
  });
}

async function rpc(method: string, params: unknown[]): Promise<unknown> {
  const response = await fetch(platform().rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await response.json()) as { result: unknown }).result;
}

/** Moves the embedded hardhat node's clock on and mines a block. */
async function passTime(seconds: number): Promise<void> {
  await rpc("evm_increaseTime", [seconds]);
  await rpc("evm_mine", []);
}

/** A fresh wallet with ether (hardhat_setBalance) and, if given, a platform role with an execution delay. */
async function wallet(role?: bigint, delay = 0): Promise<{ key: Hex; address: Address }> {
  const key = generatePrivateKey();
  const { address } = privateKeyToAccount(key);
  await rpc("hardhat_setBalance", [address, "0x56BC75E2D63100000"]);
  if (role !== undefined) {
    const deployer = demo().accounts.find((a) => a.role.startsWith("deployer"))!;
    await writeContract(clientFor(deployer.privateKey), {
      contract: "AccessManager",
      functionName: "grantRole",
      args: [role, address, delay],
    });
  }
  return { key, address };
}

/** Opens an admin section from the console's own links (the wallet stays connected). */
async function section(page: Page, name: string): Promise<void> {
  await page.getByTestId("admin-nav").getByRole("link", { name, exact: true }).click();
}

/** After a reload: connects again if the app asks (wagmi usually reconnects by itself). */
async function reconnect(page: Page): Promise<void> {
  const account = page.getByTestId("account");
  for (let attempt = 0; attempt < 5; attempt++) {
    await expect(account.or(page.getByTestId("connect"))).toBeVisible();
    await page.waitForTimeout(1000);
    if (await account.isVisible()) return;
    await page
      .getByTestId("connect")
      .click({ timeout: 3000 })
      .catch(() => undefined);
  }
  await expect(account).toBeVisible();
}

const gallery = applicant("画廊");
let registrar: { key: Hex; address: Address };
let typeRegistrar: { key: Hex; address: Address };
let editor: { key: Hex; address: Address };
let keeper: { key: Hex; address: Address };
let newOfficer: { key: Hex; address: Address };
let oldApplication: Hex;

/** The gallery applies for the tax compliance certificate (its one material: its business licence). */
async function galleryApplies(): Promise<Hex> {
  const client = clientFor(gallery.privateKey);
  const matter = (await getMatterByCode(client, { code: "HD-TAX-CERT" }))!;
  const file = parseLicenceFile(demoLicence(gallery.address, "BUSINESS_LICENCE").file);
  const { applicationId } = await submitApplication(client, {
    matterId: matter.matterId,
    licences: [{ licence: file }],
  });
  return applicationId;
}

test.beforeAll(async () => {
  test.setTimeout(400_000);
  // The dev server compiles each route on first use: do it before the browser waits on it.
  for (const route of [
    "/admin",
    "/admin/departments",
    "/admin/licence-types",
    "/admin/calendars",
    "/admin/matters",
    "/workbench",
  ])
    await fetch(new URL(route, platform().baseUrl));
  registrar = await wallet(ROLE.REGISTRAR, HOUR);
  typeRegistrar = await wallet(ROLE.REGISTRAR);
  editor = await wallet(ROLE.CATALOGUE_EDITOR);
  keeper = await wallet(ROLE.CALENDAR_KEEPER);
  newOfficer = await wallet();
  oldApplication = await galleryApplies();
  await fetch(new URL(`/applications/${oldApplication}`, platform().baseUrl));
});

test("an applicant's and an officer's wallets are refused every admin action, in words", async ({ browser }) => {
  for (const [who, key] of [
    ["applicant", gallery.privateKey],
    ["officer", officers("HD-TAX")[0]!.privateKey],
  ] as const) {
    const page = await browser.newPage();
    await openConnected(page, "/admin", key);
    await expect(page.getByTestId("admin-no-roles")).toBeVisible();
    await expect(page.getByTestId("admin-ability")).toHaveCount(0);
    const refused = page.getByTestId("admin-inability");
    await expect(refused.first()).toBeVisible();
    expect(await refused.count()).toBeGreaterThanOrEqual(10);
    await expect(page.getByTestId("admin-may-not")).toContainText(
      "需要平台登记员角色，此账户没有：请联系平台管理员授予",
    );
    await expect(page.getByTestId("admin-may-not")).toContainText("需要事项目录编辑员角色");
    await expect(page.getByTestId("admin-may-not")).toContainText("需要工作日历维护员角色");
    if (who === "applicant") await shot(page, "admin-refused");
    for (const name of ["部门", "证照类型", "工作日历", "事项设计"]) {
      await section(page, name);
      await expect(page.getByTestId("admin-refused")).toContainText("此账户不能执行本页的操作");
      await expect(page.getByTestId("admin-refused")).not.toContainText(/0x[0-9a-f]{8}|revert/i);
    }
    // Planning shows the refusal too, and nothing can be signed.
    await section(page, "部门");
    await page.getByTestId("department-pick").selectOption("HD-TAX");
    await page.getByTestId("department-threshold").fill("2");
    await page.getByTestId("plan-make").click();
    await expect(page.getByTestId("plan-refused")).toContainText("缺少相应角色，请联系平台管理员授予");
    await expect(page.getByTestId("plan-apply")).toBeDisabled();
    await page.close();
  }
});

test("the registrar adds an officer: scheduled with its delay, pending, executed after it", async ({ page }) => {
  await openConnected(page, "/admin", registrar.key);
  await expect(page.getByTestId("admin-role")).toHaveText(/平台登记员\s*执行延迟 1 小时/);
  await expect(page.getByTestId("admin-may")).toContainText("增减审批人、修改门槛");
  await expect(page.getByTestId("admin-may")).toContainText("须先安排，1 小时后方可执行");
  await expect(page.getByTestId("admin-may-not")).toContainText("发布事项的新版本");
  await shot(page, "admin-home");

  await section(page, "部门");
  await page.getByTestId("department-pick").selectOption("HD-TAX");
  const officersBox = page.getByTestId("department-officers");
  await expect(officersBox).toHaveValue(new RegExp(officers("HD-TAX")[0]!.address, "i"));
  await officersBox.fill(`${await officersBox.inputValue()}\n${newOfficer.address}`);
  await page.getByTestId("plan-make").click();
  const change = page.getByTestId("plan-change");
  await expect(change).toHaveCount(1);
  await expect(change).toContainText(`~ 审批人 HD-TAX: 更换审批人 增加 ${newOfficer.address}`);
  await expect(change).toContainText("执行延迟 3600 秒：将被安排");
  await page.getByTestId("plan-apply").click();
  await expect(page.getByTestId("admin-result")).toContainText("已安排：延迟期满后");
  const op = page.locator(`[data-testid="scheduled-op"][data-officers*="${newOfficer.address.toLowerCase()}"]`);
  await expect(op).toHaveCount(1);
  await expect(op).toContainText("海淀区税务局");
  await expect(op).toContainText("更换审批人");
  await expect(op.getByTestId("scheduled-state")).toHaveText("等待延迟期满");
  await expect(op.getByTestId("scheduled-execute")).toBeDisabled();
  // The same plan again: pending, nothing more to sign.
  await page.getByTestId("plan-make").click();
  await expect(page.getByTestId("plan-pending")).toContainText("审批人 HD-TAX：已安排");
  await expect(page.getByTestId("plan-apply")).toBeDisabled();
  await shot(page, "admin-departments-pending");

  await passTime(HOUR + 1);
  await page.reload();
  await reconnect(page);
  await section(page, "部门");
  await expect(op.getByTestId("scheduled-state")).toHaveText("已到期，可执行");
  await op.getByTestId("scheduled-execute").click();
  await expect(page.getByTestId("admin-result")).toHaveText("已执行。");
  await expect(op).toHaveCount(0);
});

test("a registrar publishes a new version of a licence type's schema", async ({ page }) => {
  await openConnected(page, "/admin/licence-types", typeRegistrar.key);
  await page.getByTestId("type-pick").selectOption("TAX_COMPLIANCE_CERT");
  await expect(page.getByTestId("type-version")).toContainText("当前版本 1");
  const fields = page.getByTestId("type-fields");
  await expect(fields).toHaveValue(/holder/);
  await fields.fill(`${await fields.inputValue()}\nremarks`);
  await page.getByTestId("plan-make").click();
  await expect(page.getByTestId("plan-change")).toHaveText("~ 证照类型 TAX_COMPLIANCE_CERT: 发布新版本 (fieldNames)");
  await page.getByTestId("plan-apply").click();
  await expect(page.getByTestId("admin-result")).toHaveText("已发布新版本。");
  await expect(page.getByTestId("type-version")).toContainText("当前版本 2");
  await shot(page, "admin-licence-types");
});

test("the catalogue editor changes a matter: a cycle is refused before any signature, then version 2 is published", async ({
  page,
}) => {
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && (r.postData() ?? "").includes("eth_sendRawTransaction")) sent.push(r.url());
  });
  await openConnected(page, "/admin/matters", editor.key);
  await page.getByTestId("matter-pick").selectOption("HD-TAX-CERT");
  await expect(page.getByTestId("matter-version")).toHaveText("当前版本：第 1 版");
  await expect(page.getByTestId("step")).toHaveCount(1);
  // A step added (market supervision, waiting for tax), with a rule: the applicant holds a valid business licence.
  await page.getByTestId("add-step").click();
  const second = page.getByTestId("step").nth(1);
  await second.getByTestId("step-department").selectOption("HD-SAMR");
  await second.getByTestId("step-rule").selectOption("new:BUSINESS_LICENCE");
  // A material required only under condition C2 (handled by an agent).
  await page.getByTestId("add-material").click();
  const material = page.getByTestId("material").last();
  await material.getByTestId("material-name").fill("授权委托书");
  await material.getByTestId("material-condition").fill("C2");
  // A cycle: tax waits for market supervision, which waits for tax.
  await page.getByTestId("step").first().getByTestId("step-depends").fill("1");
  await page.getByTestId("plan-make").click();
  await expect(page.getByTestId("plan-error")).toContainText("循环依赖");
  await expect(page.getByTestId("plan-apply")).toBeDisabled();
  await shot(page, "admin-matters-cycle");
  expect(sent).toEqual([]);
  await page.getByTestId("step").first().getByTestId("step-depends").fill("");
  await page.getByTestId("plan-make").click();
  await expect(page.getByTestId("plan-change").filter({ hasText: "事项 HD-TAX-CERT" })).toHaveText(
    "~ 事项 HD-TAX-CERT: 发布新版本 (steps, materials)",
  );
  await expect(page.getByTestId("plan-change").filter({ hasText: "审批规则" })).toHaveText(
    "+ 审批规则 new:BUSINESS_LICENCE: 新增",
  );
  await page.getByTestId("plan-apply").click();
  await expect(page.getByTestId("admin-result")).toHaveText("已发布新版本。");
  await expect(page.getByTestId("matter-version")).toHaveText("当前版本：第 2 版");
  await expect(page.getByTestId("matter-history-version")).toHaveCount(2);
  await expect(page.getByTestId("matter-history-version").last()).toContainText("2 个环节，2 项材料");
  await shot(page, "admin-matters");

  // An applicant applies to the new version: two steps.
  const fresh = await galleryApplies();
  const client = clientFor(gallery.privateKey);
  expect((await getApplication(client, { applicationId: fresh })).matterVersion).toBe(2);
  expect((await getApplicationSteps(client, { applicationId: fresh })).steps.length).toBe(2);
});

test("the new officer decides in the workbench: the version-1 application completes under its one step", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const client = clientFor(gallery.privateKey);
  expect((await getApplication(client, { applicationId: oldApplication })).matterVersion).toBe(1);
  await openConnected(page, "/workbench", newOfficer.key);
  await expect(page.getByTestId("department")).toContainText("海淀区税务局");
  const item = page.locator(`[data-testid="queue-item"][data-application="${oldApplication}"]`);
  await item.getByTestId("approve").click();
  await expect(page.getByText("已提交：通过")).toBeVisible();
  await page.goto(`/applications/${oldApplication}`);
  await expect(page.getByTestId("status")).toHaveText("已办结");
  await expect(page.getByTestId("steps").locator("tr")).toHaveCount(1);
  // The certificate issued is of the schema's new version.
  const { outputLicenceId } = await getApplication(client, { applicationId: oldApplication });
  expect(outputLicenceId).toBeDefined();
  expect((await getLicence(client, { licenceId: outputLicenceId! }))?.typeVersion).toBe(2);
});

test("removing the officer takes the workbench away from them", async ({ browser }) => {
  const page = await browser.newPage();
  await openConnected(page, "/admin/departments", registrar.key);
  await page.getByTestId("department-pick").selectOption("HD-TAX");
  const box = page.getByTestId("department-officers");
  await expect(box).toHaveValue(new RegExp(newOfficer.address, "i"));
  const kept = (await box.inputValue())
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && line.toLowerCase() !== newOfficer.address.toLowerCase());
  await box.fill(kept.join("\n"));
  await page.getByTestId("plan-make").click();
  await expect(page.getByTestId("plan-change")).toContainText(`移除 ${newOfficer.address}`);
  await page.getByTestId("plan-apply").click();
  await expect(page.getByTestId("admin-result")).toContainText("已安排");
  await passTime(HOUR + 1);
  await page.reload();
  await reconnect(page);
  const op = page.locator(`[data-testid="scheduled-op"][data-officers="${kept.join(",").toLowerCase()}"]`);
  await expect(op.getByTestId("scheduled-state")).toHaveText("已到期，可执行");
  await op.getByTestId("scheduled-execute").click();
  await expect(page.getByTestId("admin-result")).toHaveText("已执行。");
  await page.close();

  const officerPage = await browser.newPage();
  await openConnected(officerPage, "/workbench", newOfficer.key);
  await expect(officerPage.getByTestId("not-officer")).toBeVisible();
  await officerPage.close();
});

test("the calendar keeper imports next year's holiday notice and sees the differences before publishing", async ({
  page,
}) => {
  const client = clientFor(keeper.key);
  const onChain = await getCalendarYear(client, { year: 2027 });
  expect(onChain.isSet).toBe(true);
  const notice = {
    year: 2027,
    timeZoneOffsetSeconds: 28800,
    source: "国务院办公厅关于2027年部分节假日安排的通知（测试）",
    status: "official",
    holidays: [
      "2027-01-01",
      "2027-02-05",
      "2027-02-08",
      "2027-02-09",
      "2027-04-05",
      "2027-06-09",
      "2027-09-15",
      "2027-10-01",
      "2027-10-04",
    ],
    makeupWorkdays: ["2027-02-20", "2027-10-09"],
    notes: [],
  };
  await openConnected(page, "/admin/calendars", keeper.key);
  await page.getByTestId("calendar-json").fill(JSON.stringify(notice, null, 2));
  await page.getByTestId("calendar-compare").click();
  await expect(page.getByTestId("calendar-added-holidays")).toContainText("2027-02-09、2027-10-04");
  await expect(page.getByTestId("calendar-added-workdays")).toContainText("2027-02-20、2027-10-09");
  await expect(page.getByTestId("calendar-removed-holidays")).toContainText("无");
  await expect(page.getByTestId("calendar-source")).toContainText("国务院办公厅关于2027年部分节假日安排的通知（测试）");
  await expect(page.getByTestId("plan-change")).toHaveText("+ 工作日历 2027: 新增 (days)");
  await shot(page, "admin-calendars");
  expect((await getCalendarYear(client, { year: 2027 })).makeupWorkdays).toEqual(onChain.makeupWorkdays);
  await page.getByTestId("plan-apply").click();
  await expect(page.getByTestId("admin-result")).toHaveText("已发布 2027 年的工作日历。");
  expect((await getCalendarYear(client, { year: 2027 })).makeupWorkdays).toEqual([20270220, 20271009]);
  await page.getByTestId("calendar-compare").click();
  await expect(page.getByTestId("calendar-same")).toBeVisible();
});

test("every console page on a phone, in Chinese and English", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openConnected(page, "/admin", registrar.key);
  for (const lang of ["zh", "en"] as const) {
    for (const [route, name] of [
      ["/admin", "home"],
      ["/admin/departments", "departments"],
      ["/admin/licence-types", "licence-types"],
      ["/admin/calendars", "calendars"],
      ["/admin/matters", "matters"],
    ] as const) {
      await page.goto(route);
      await reconnect(page);
      await expect(page.getByTestId("admin-nav")).toBeVisible();
      await page.waitForLoadState("networkidle");
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${route} fits a phone`).toBeLessThanOrEqual(400);
      await shot(page, `admin-phone-${name}-${lang}`);
    }
    if (lang === "zh") {
      await page.getByTestId("lang-switch").click();
      await expect(page.getByRole("heading", { name: "Administration console" })).toBeVisible();
    }
  }
});
