/**
 * Test fixture: a department's data node holds the licences the department issued. The seed issues
 * the demo licences on chain before the exchange starts, so the test deposits the ones it needs as
 * the issuing department's first officer (the exchange's POST /licences/deposit, signed in with SIWE).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";

import { demo, officers, platform, ROOT } from "./platform.ts";

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as T & { error?: unknown };
  if (response.status >= 400) throw new Error(`${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export async function depositDemoLicence(holder: Hex, type: string): Promise<Hex> {
  const { exchangeUrl, chainId } = platform();
  const data = demo();
  const licence = data.licences.find((l) => l.type === type && l.holder.toLowerCase() === holder.toLowerCase());
  if (!licence) throw new Error(`no demo ${type} of ${holder}`);
  const file = JSON.parse(readFileSync(path.join(ROOT, licence.file), "utf8")) as { issuerDepartment: number };
  const code = data.departments.find((d) => d.id === file.issuerDepartment)!.code;
  const officer = privateKeyToAccount(officers(code)[0]!.privateKey);
  const { nonce } = await post<{ nonce: string }>(`${exchangeUrl}/auth/nonce`, {});
  const message = createSiweMessage({
    domain: new URL(exchangeUrl).host,
    address: officer.address,
    uri: exchangeUrl,
    version: "1",
    chainId,
    nonce,
    expirationTime: new Date(Date.now() + 10 * 60 * 1000),
  });
  const { token } = await post<{ token: string }>(`${exchangeUrl}/auth/verify`, {
    message,
    signature: await officer.signMessage({ message }),
  });
  await post(`${exchangeUrl}/licences/deposit`, { file }, token);
  return licence.licenceId;
}
