/**
 * Test fixtures around the data exchange. The demo licences are deposited in their issuing
 * departments' nodes by scripts/dev.ts when the platform starts, so a test only looks them up;
 * an applicant's documents are uploaded and shared over the exchange's HTTP API (SIWE sign-in).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import type { Hex } from "viem";

import { exchangePost, exchangeSignIn as signIn } from "@onewindow/testkit/exchange-client";
import { demo, platform, ROOT } from "./platform.ts";

/** A demo licence of `holder` (seeded, and held by its issuer's exchange node since the platform started). */
export function demoLicence(holder: Hex, type: string): { licenceId: Hex; file: unknown } {
  const licence = demo().licences.find((l) => l.type === type && l.holder.toLowerCase() === holder.toLowerCase());
  if (!licence) throw new Error(`no demo ${type} of ${holder}`);
  return { licenceId: licence.licenceId, file: JSON.parse(readFileSync(path.join(ROOT, licence.file), "utf8")) };
}

/** Signs in to the platform's exchange with Ethereum (EIP-4361) as `key`; the bearer token. */
export function exchangeSignIn(key: Hex): Promise<string> {
  const { exchangeUrl, chainId } = platform();
  return signIn(exchangeUrl, chainId, key);
}

/** Uploads a document as the applicant `key` and shares it with the officers of `departmentIds`; its hash. */
export async function uploadDocument(key: Hex, bytes: Uint8Array, departmentIds: number[]): Promise<Hex> {
  const token = await exchangeSignIn(key);
  const { exchangeUrl } = platform();
  const { hash } = await exchangePost<{ hash: Hex }>(exchangeUrl, "/uploads", undefined, {
    token,
    raw: { bytes: Buffer.from(bytes), contentType: "application/octet-stream" },
  });
  for (const departmentId of departmentIds)
    await exchangePost(exchangeUrl, `/uploads/${hash}/shares`, { departmentId }, { token });
  return hash;
}
