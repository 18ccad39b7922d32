/**
 * Proactive pushes for the connected applicant (/notifications, the header's badge, the application
 * page): a return for correction with what to fix, a rejection with its reason, approved steps, a
 * completion with the licence to download, and linked matters offered on completion (suggest → apply;
 * start on consent → explained, and the application started for the holder). From the seeded demo
 * applications (scripts/seed.ts), read through the web's server (indexer, or chain events).
 */
import { expect, test, type Page } from "@playwright/test";

import { openConnected, shot } from "./helpers.ts";
import { applicant, application, platform } from "./platform.ts";

test.use({ baseURL: platform().baseUrl });

const item = (page: Page, kind: string, applicationId: string) =>
  page.locator(`[data-testid="notification"][data-kind="${kind}"][data-application="${applicationId}"]`);

test("a return for correction says what to fix and links to the application; read marks stay in this browser", async ({
  page,
}) => {
  const nurse = applicant("张样例");
  const returned = application("HD-NURSE-REG", "returned");
  await openConnected(page, "/notifications", nurse.privateKey);
  const notice = item(page, "returned", returned);
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText("「护士执业注册」第 1 步（海淀区卫生健康委员会）退回补正：证明文件过期");
  await expect(notice).toContainText("请按要求补正后，在申请页面重新提交");
  await expect(notice).toHaveAttribute("data-unread", "true");
  await expect(notice.getByTestId("notify-fix")).toHaveAttribute("href", `/applications/${returned}`);
  const badge = page.getByTestId("notify-badge");
  const before = Number(await badge.textContent());
  expect(before).toBeGreaterThanOrEqual(1);
  await shot(page, "notifications-returned");

  await notice.getByTestId("notify-mark-read").click();
  await expect(notice).toHaveAttribute("data-unread", "false");
  if (before === 1) await expect(badge).toHaveCount(0);
  else await expect(badge).toHaveText(String(before - 1));
  await page.reload();
  // wagmi reconnects the wallet after a reload; connect again only if it did not.
  const account = page.getByTestId("account");
  if (
    !(await account.waitFor({ timeout: 5000 }).then(
      () => true,
      () => false,
    ))
  )
    await page.getByTestId("connect").click();
  await expect(account).toBeVisible();
  await expect(item(page, "returned", returned)).toHaveAttribute("data-unread", "false");

  // The fix link opens the application, which lists the same notification and offers to resubmit.
  await item(page, "returned", returned).getByTestId("notify-fix").click();
  await page.waitForURL(`**/applications/${returned}`);
  await expect(page.getByTestId("returned")).toBeVisible();
  await expect(item(page, "returned", returned)).toContainText("证明文件过期");
  await expect(page.getByTestId("resubmit")).toBeVisible();
});

test("a completion offers the licence to download, after the step's approval", async ({ page }) => {
  const gallery = applicant("画廊");
  const completed = application("HD-GALLERY", "completed");
  await openConnected(page, "/notifications", gallery.privateKey);
  await expect(item(page, "completed", completed)).toContainText("「我要开画廊」已办结，证照已签发。");
  await expect(item(page, "decided", completed)).toContainText("第 1 步（海淀区文化和旅游局）已通过");
  // Several unread: the badge counts them; marking all read clears it.
  const unread = page.locator('[data-testid="notification"][data-unread="true"]');
  await expect(page.getByTestId("notify-badge")).toHaveText(String(await unread.count()));
  expect(await unread.count()).toBeGreaterThanOrEqual(2);
  await page.getByTestId("notify-mark-all").click();
  await expect(page.getByTestId("notify-badge")).toHaveCount(0);
  await expect(unread).toHaveCount(0);
  await item(page, "completed", completed).getByTestId("notify-download").click();
  await page.waitForURL(`**/applications/${completed}#output`);
  await expect(page.getByTestId("status")).toHaveText("已办结");
  await expect(page.getByTestId("download")).toBeVisible();
});

test("a rejection gives its reason", async ({ page }) => {
  const dishonest = applicant("失信");
  const rejected = application("HD-ZGC-HNTE", "rejected");
  await openConnected(page, "/notifications", dishonest.privateKey);
  await expect(item(page, "rejected", rejected)).toContainText("「中关村高新技术企业认定」第 1 步");
  await expect(item(page, "rejected", rejected)).toContainText("不予许可：不符合条件");
});

test("linked matters: a suggestion links to applying; a start on consent is explained and its application linked", async ({
  page,
}) => {
  const jobseeker = applicant("李演示");
  const employment = application("HD-EMPLOYMENT-REG", "completed");
  await openConnected(page, "/notifications", jobseeker.privateKey);
  const suggestion = item(page, "linked", employment);
  await expect(suggestion).toContainText("您可以接着办理关联事项「按月申领失业保险金」");
  await expect(suggestion.getByTestId("notify-apply-linked")).toHaveAttribute("href", "/matters/HD-UI-CLAIM/apply");
  // The claim itself was approved at once by its rule.
  await expect(item(page, "decided", application("HD-UI-CLAIM", "completed"))).toContainText("已由规则自动通过");
  await shot(page, "notifications-linked");
  await suggestion.getByTestId("notify-apply-linked").click();
  await page.waitForURL("**/matters/HD-UI-CLAIM/apply");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("按月申领失业保险金");

  const buyer = applicant("王示例");
  const transfer = application("BJ-REAL-ESTATE-TRANSFER", "completed");
  const other = await page.context().browser()!.newPage();
  await openConnected(other, "/notifications", buyer.privateKey);
  const offer = item(other, "linked", transfer);
  await expect(offer).toContainText("关联事项「电力过户」可由国网北京海淀供电公司为您发起");
  await expect(offer.getByTestId("notify-started")).toHaveAttribute(
    "href",
    `/applications/${application("SGCC-POWER-TRANSFER", "completed")}`,
  );
  // The same on the transfer's application page, without a wallet.
  await other.goto(`/applications/${transfer}`);
  await expect(item(other, "linked", transfer)).toContainText("电力过户");
  await other.close();
});

test("the indexer and the chain's events give the same notifications; bad requests get a clear 400", async ({
  request,
}) => {
  const buyer = applicant("王示例");
  const read = async (source: string) => {
    const response = await request.get(`/api/notifications?address=${buyer.address}&source=${source}`);
    expect(response.status()).toBe(200);
    return (await response.json()) as { source: string; notifications: { id: string; kind: string }[] };
  };
  const fromChain = await read("chain");
  expect(fromChain.source).toBe("chain");
  const fromIndexer = await read("indexer");
  const ids = (r: typeof fromChain) => r.notifications.map((n) => `${n.kind}:${n.id}`).sort();
  expect(ids(fromChain).length).toBeGreaterThanOrEqual(3);
  expect(ids(fromIndexer)).toEqual(ids(fromChain));

  for (const [query, en] of [
    ["address=nobody", "address must be an address"],
    [`address=${buyer.address}&application=0x12`, "application must be an application id"],
    [`address=${buyer.address}&source=oracle`, "source must be indexer or chain"],
  ] as const) {
    const response = await request.get(`/api/notifications?${query}`);
    expect(response.status()).toBe(400);
    const body = (await response.json()) as { error: { en: string; zh: string } };
    expect(body.error.en).toContain(en);
    expect(body.error.zh.length).toBeGreaterThan(0);
  }
});

test("without a wallet the page asks to connect; in English; on a phone-sized screen it fits", async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.goto(`${platform().baseUrl}/notifications`);
  await expect(page.getByTestId("notify-connect-first")).toHaveText("连接钱包以查看您的消息。");
  await page.close();

  const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.context().addCookies([{ name: "ow-lang", value: "en", url: platform().baseUrl }]);
  await openConnected(phone, `${platform().baseUrl}/notifications`, applicant("张样例").privateKey);
  await expect(
    item(phone, "returned", application("HD-NURSE-REG", "returned")).getByTestId("notification-text"),
  ).toContainText("returned it for correction: Certificate out of date");
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await shot(phone, "phone-notifications");
  await phone.close();
});
