/**
 * Test fixtures around the data exchange. The demo licences are deposited in their issuing
 * departments' nodes by scripts/dev.ts when the platform starts, so a test only looks them up;
 * an applicant's documents are uploaded and shared over the exchange's HTTP API (SIWE sign-in).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";

import { demo, platform, ROOT } from "./platform.ts";

async function post<T>(route: string, body: BodyInit, token?: string, contentType = "application/json"): Promise<T> {
  const url = `${platform().exchangeUrl}${route}`;
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const json = (await response.json()) as T & { error?: unknown };
  if (response.status >= 400) throw new Error(`${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** A demo licence of `holder` (seeded, and held by its issuer's exchange node since the platform started). */
export function demoLicence(holder: Hex, type: string): { licenceId: Hex; file: unknown } {
  const licence = demo().licences.find((l) => l.type === type && l.holder.toLowerCase() === holder.toLowerCase());
  if (!licence) throw new Error(`no demo ${type} of ${holder}`);
  return { licenceId: licence.licenceId, file: JSON.parse(readFileSync(path.join(ROOT, licence.file), "utf8")) };
}

/** Signs in to the exchange with Ethereum (EIP-4361) as `key`; the bearer token. */
export async function exchangeSignIn(key: Hex): Promise<string> {
  const { exchangeUrl, chainId } = platform();
  const account = privateKeyToAccount(key);
  const { nonce } = await post<{ nonce: string }>("/auth/nonce", "{}");
  const message = createSiweMessage({
    domain: new URL(exchangeUrl).host,
    address: account.address,
    uri: exchangeUrl,
    version: "1",
    chainId,
    nonce,
    expirationTime: new Date(Date.now() + 10 * 60 * 1000),
  });
  const { token } = await post<{ token: string }>(
    "/auth/verify",
    JSON.stringify({ message, signature: await account.signMessage({ message }) }),
  );
  return token;
}

/** Uploads a document as the applicant `key` and shares it with the officers of `departmentIds`; its hash. */
export async function uploadDocument(key: Hex, bytes: Uint8Array, departmentIds: number[]): Promise<Hex> {
  const token = await exchangeSignIn(key);
  const { hash } = await post<{ hash: Hex }>("/uploads", Buffer.from(bytes), token, "application/octet-stream");
  for (const departmentId of departmentIds)
    await post(`/uploads/${hash}/shares`, JSON.stringify({ departmentId }), token);
  return hash;
}
