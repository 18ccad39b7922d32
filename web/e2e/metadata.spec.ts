/**
 * The catalogue's published metadata (issue 21): the pages' English names, figures' sources, step
 * notes and condition names come from the document a catalogue editor signed and published on the
 * exchange (npm run dev publishes Haidian's), never from the demo files. A changed English name
 * published by the editor shows after the catalogue's cache time; a document whose signer does not
 * hold the catalogue editor role on chain is ignored (the pages fall back to the chain's names).
 * The test restores the demo's document at the end.
 */
import path from "node:path";

import {
  catalogueMetadataOf,
  createOneWindowClient,
  signCatalogueMetadata,
  writeContract,
  type CatalogueMetadata,
  type OneWindowClient,
} from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";
import { readHaidian } from "@onewindow/testkit/demo";
import { exchangePost } from "@onewindow/testkit/exchange-client";
import { expect, test, type Page } from "@playwright/test";
import type { Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { exchangeSignIn } from "./exchange.ts";
import { shot } from "./helpers.ts";
import { demo, platform, ROOT } from "./platform.ts";

test.use({ baseURL: platform().baseUrl });
test.describe.configure({ mode: "serial" });

const CATALOGUE_EDITOR = 4n;
const MATTER = "HD-VR-HALL";
const DEMO_NAME = "Open a VR experience hall";

function clientFor(key: Hex): OneWindowClient {
  const { rpcUrl, chainId } = platform();
  return createOneWindowClient({
    rpcUrl,
    deployment: readDeployment({ chainId, directory: path.join(ROOT, "deployments") }),
    account: key,
  });
}

const deployer = () => demo().accounts.find((a) => a.role.startsWith("deployer"))!;

/** The demo document with the matter's English name changed. */
function withMatterName(nameEn: string): CatalogueMetadata {
  const document = catalogueMetadataOf(readHaidian().data);
  return { ...document, matters: { ...document.matters, [MATTER]: { ...document.matters[MATTER]!, nameEn } } };
}

/** Publishes `document` signed by `key` (signed in to the exchange as the same account). */
async function publish(key: Hex, document: CatalogueMetadata): Promise<void> {
  const signed = await signCatalogueMetadata(privateKeyToAccount(key), document);
  await exchangePost(platform().exchangeUrl, "/catalogue/metadata", signed, { token: await exchangeSignIn(key) });
}

/** Reloads the English matter page until its heading is `name` (the catalogue is cached 15 s). */
async function headingBecomes(page: Page, name: string): Promise<void> {
  await expect(async () => {
    await page.goto(`/matters/${MATTER}`);
    await expect(page.locator("h1")).toHaveText(name, { timeout: 5000 });
  }).toPass({ timeout: 240_000, intervals: [2000] });
}

test.beforeAll(async () => {
  // The demo's own document as the current version (as npm run dev publishes it).
  await publish(deployer().privateKey, catalogueMetadataOf(readHaidian().data));
});

test.beforeEach(async ({ context }) => {
  await context.addCookies([{ name: "ow-lang", value: "en", url: platform().baseUrl }]);
});

test("the English names, step notes, source and condition names are the published metadata's", async ({ page }) => {
  test.setTimeout(300_000);
  await headingBecomes(page, DEMO_NAME);
  await expect(page.getByText("business registration").first()).toBeVisible();
  await expect(page.getByText(/Beijing Daily/)).toBeVisible();
  await expect(page.getByTestId("conditions").first()).toContainText("an agent applies for the applicant");
  await page.goto("/");
  await expect(page.getByText(DEMO_NAME).first()).toBeVisible();
  await shot(page, "metadata-home-en");
});

test("a changed English name published by the catalogue editor shows after the cache time", async ({ page }) => {
  test.setTimeout(300_000);
  await publish(deployer().privateKey, withMatterName("Open a VR hall (metadata v2)"));
  await headingBecomes(page, "Open a VR hall (metadata v2)");
  await shot(page, "metadata-changed-name-en");
});

test("a document whose signer holds no catalogue editor role is ignored: the chain's names show", async ({ page }) => {
  test.setTimeout(600_000);
  // An account made editor, publishing, then losing the role: its document is the newest, unbelieved.
  const key = generatePrivateKey();
  const { address } = privateKeyToAccount(key);
  const admin = clientFor(deployer().privateKey);
  await writeContract(admin, {
    contract: "AccessManager",
    functionName: "grantRole",
    args: [CATALOGUE_EDITOR, address, 0],
  });
  await publish(key, withMatterName("Forged name"));
  await writeContract(admin, {
    contract: "AccessManager",
    functionName: "revokeRole",
    args: [CATALOGUE_EDITOR, address],
  });
  try {
    await headingBecomes(page, "我要开VR体验馆");
    await expect(page.locator("body")).not.toContainText("Forged name");
    await shot(page, "metadata-ignored-chain-names-en");
  } finally {
    // The demo's own document again, for every other test.
    await publish(deployer().privateKey, catalogueMetadataOf(readHaidian().data));
  }
  await headingBecomes(page, DEMO_NAME);
});
