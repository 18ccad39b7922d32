import { readFileSync } from "node:fs";

import { expect, test } from "@playwright/test";

import { demoLicence } from "./exchange.ts";
import { openConnected, shot } from "./helpers.ts";
import { applicant, officers, platform } from "./platform.ts";

test.use({ baseURL: platform().baseUrl });

test("gallery: licences pulled and verified, form backfilled, submitted; culture's officers approve; the applicant downloads the licence", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const gallery = applicant("画廊");
  // Held by the market regulator's exchange node since the platform started (scripts/dev.ts deposits the seeded licences).
  const businessLicence = demoLicence(gallery.address, "BUSINESS_LICENCE").licenceId;

  // The applicant applies.
  const page = await browser.newPage();
  await openConnected(page, "/matters/HD-GALLERY", gallery.privateKey);
  await page.getByTestId("apply").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("我要开画廊");
  await expect(page.getByTestId("submit")).toBeDisabled();
  await page.getByTestId("pull").click();
  const pulled = page.getByTestId("pulled-licence");
  await expect(pulled).toHaveCount(1);
  await expect(pulled).toHaveAttribute("data-valid", "true");
  for (const part of ["integrity", "status", "issuer"])
    await expect(pulled.getByTestId(`verdict-${part}`)).toContainText("✓");
  await expect(page.getByTestId("field-name")).toHaveValue("北京海淀示例画廊有限公司（示例）");
  await expect(page.getByTestId("provenance").first()).toContainText("海淀区市场监督管理局签发，已核验");
  await page.getByTestId("upload-1").setInputFiles({
    name: "filing-form.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from(`%PDF-1.4 demo art business filing form ${Date.now()}`),
  });
  await expect(page.getByText(/已上传，哈希 0x/)).toBeVisible();
  await shot(page, "apply-gallery");
  await page.getByTestId("submit").click();
  await page.waitForURL(/\/applications\/0x[0-9a-f]{64}$/);
  const applicationId = page.url().split("/").pop()!;
  await expect(page.getByTestId("status")).toHaveText("办理中");
  expect(applicationId).not.toBe(businessLicence);

  // Culture decides 3 of n: the first officer names the output licence, two more approve.
  const culture = officers("HD-CULTURE");
  const first = await browser.newPage();
  await openConnected(first, "/workbench", culture[0]!.privateKey);
  const row = first.locator(`[data-testid="queue-item"][data-application="${applicationId}"]`);
  await row.getByTestId("output-filingNumber").fill("HD-ART-2026-0001");
  await row.getByTestId("output-unitName").fill("北京海淀示例画廊有限公司（示例）");
  await row.getByTestId("approve").click();
  await expect(row.getByTestId("decision-result")).toContainText("您已签");
  for (const officer of culture.slice(1, 3)) {
    const other = await browser.newPage();
    await openConnected(other, "/workbench", officer.privateKey);
    await other
      .locator(`[data-testid="queue-item"][data-application="${applicationId}"]`)
      .getByTestId("approve")
      .click();
    await expect(other.getByTestId("decision-result")).toHaveClass(/ok/);
    await other.close();
  }
  await page.goto(`/applications/${applicationId}`);
  await expect(page.getByTestId("status")).toHaveText("已办结");
  const outputId = (await page.getByTestId("output-licence").textContent())!.trim();

  // No deposit step: the first officer's browser stored the output licence in the exchange before its vote,
  // and the exchange serves it once the chain issued it (the first officer's browser may be gone).
  await first.close();

  // The applicant downloads it.
  if (await page.getByTestId("connect").isVisible()) await page.getByTestId("connect").click();
  await expect(page.getByTestId("download")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByTestId("download").click();
  const file = JSON.parse(readFileSync((await (await download).path())!, "utf8")) as {
    licenceId: string;
    fields: { name: string; value: string }[];
  };
  expect(file.licenceId).toBe(outputId);
  expect(file.fields.find((f) => f.name === "filingNumber")?.value).toBe("HD-ART-2026-0001");
  await shot(page, "application-gallery-completed");
  await page.close();
});
