import path from "node:path";

import { expect, type Page } from "@playwright/test";
import type { Hex } from "viem";

import { platform, SCREENSHOTS } from "./platform.ts";
import { injectWallet, type WalletOptions } from "./wallet.ts";

/** Saves a full-page screenshot under test-results/screenshots/ (kept as a test artifact). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Injects the test wallet with `key`, opens `route` and connects through the app's connect button. */
export async function openConnected(
  page: Page,
  route: string,
  key: Hex,
  options: Partial<Omit<WalletOptions, "key">> = {},
): Promise<Hex> {
  const { rpcUrl, chainId } = platform();
  const { address } = await injectWallet(page, { key, rpcUrl, chainId, ...options });
  await page.goto(route);
  await page.getByTestId("connect").click();
  await expect(page.getByTestId("account")).toBeVisible();
  return address;
}
