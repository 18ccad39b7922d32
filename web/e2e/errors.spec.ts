import { expect, test } from "@playwright/test";

import { openConnected } from "./helpers.ts";
import { applicant, platform } from "./platform.ts";

test.use({ baseURL: platform().baseUrl });

test("wrong network: the banner says which network and switches the wallet", async ({ page }) => {
  await openConnected(page, "/", applicant("王示例").privateKey, { startChainId: 1 });
  const banner = page.getByTestId("wrong-network");
  await expect(banner).toContainText("钱包连接的网络不对（链 ID 1）");
  await banner.getByRole("button", { name: "切换到 OneWindow 网络" }).click();
  await expect(banner).toHaveCount(0);
});

test("node unreachable: the banner says so when the browser cannot reach the node", async ({ page }) => {
  const { rpcUrl } = platform();
  await page.route(`${rpcUrl}/**`, (route) => route.abort("connectionrefused"));
  await page.route(rpcUrl, (route) => route.abort("connectionrefused"));
  await page.goto("/");
  await expect(page.getByTestId("node-unreachable")).toContainText("无法连接区块链节点");
});

test("an account that is no officer sees why the workbench is empty", async ({ page }) => {
  const { address } = { address: await openConnected(page, "/workbench", applicant("王示例").privateKey) };
  await expect(page.getByTestId("not-officer")).toContainText(address);
});

test("the workbench asks to connect first", async ({ page }) => {
  await page.goto("/workbench");
  await expect(page.getByTestId("connect-first")).toBeVisible();
});
