/**
 * Fixtures of the holder's wallet and the verifier: a fresh business licence issued through the
 * platform's exchange to a fresh holder (so revoking it touches no other test), the issuer's client
 * to revoke it, and the SDK's presentation helpers for presentations made outside the browser.
 */
import path from "node:path";

import { createExchangeClient, createPresentation } from "@onewindow/exchange/client";
import {
  createOneWindowClient,
  discloseFields,
  parseLicenceFile,
  revokeLicence,
  sealPresentation,
  type LicenceFile,
} from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";
import type { Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { exchangePost } from "@onewindow/testkit/exchange-client";
import { demoLicence, exchangeSignIn } from "./exchange.ts";
import { applicant, demo, officers, platform, ROOT } from "./platform.ts";

export function oneWindow(account?: Hex) {
  const { rpcUrl, chainId } = platform();
  const deployment = readDeployment({ chainId, directory: path.join(ROOT, "deployments") });
  return createOneWindowClient({ rpcUrl, deployment, ...(account ? { account } : {}) });
}

/** The code of the department with this id. */
export const departmentCode = (id: number) => demo().departments.find((d) => d.id === id)!.code;

export type IssuedLicence = { holderKey: Hex; holder: Hex; licenceId: Hex; file: LicenceFile; issuerCode: string };

/**
 * A business licence like the gallery's demo one (same fields), issued now by its department through
 * the exchange to a new holder; the file as the holder's exchange serves it.
 */
export async function issueFreshLicence(): Promise<IssuedLicence> {
  const template = parseLicenceFile(demoLicence(applicant("画廊").address, "BUSINESS_LICENCE").file);
  const issuerCode = departmentCode(template.issuerDepartment);
  const holderKey = generatePrivateKey();
  const holder = privateKeyToAccount(holderKey).address;
  const fields = Object.fromEntries(
    template.fields.filter((f) => f.name !== "holder").map((f) => [f.name, `${f.value}（测试 ${holder.slice(2, 8)}）`]),
  );
  const { exchangeUrl } = platform();
  const officer = await exchangeSignIn(officers(issuerCode)[0]!.privateKey);
  const { licenceId } = await exchangePost<{ licenceId: Hex }>(
    exchangeUrl,
    "/licences",
    { typeCode: "BUSINESS_LICENCE", holder, fields },
    { token: officer },
  );
  const token = await exchangeSignIn(holderKey);
  const response = await fetch(`${exchangeUrl}/licences/${licenceId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { holderKey, holder, licenceId, file: parseLicenceFile(await response.json()), issuerCode };
}

/** The issuing department revokes the licence on chain. */
export async function revoke(licence: IssuedLicence): Promise<void> {
  const issuer = oneWindow(officers(licence.issuerCode).at(-1)!.privateKey);
  await revokeLicence(issuer, { licenceId: licence.licenceId, reason: 1 });
}

/** A presentation of `fields` made and stored outside the browser (as the wallet page does); its fragment `p=<id>.<key>`. */
export async function presentOutside(
  licence: IssuedLicence,
  fields: string[],
  lifetimeSeconds: number,
): Promise<string> {
  const { ciphertext, key } = sealPresentation(discloseFields(licence.file, fields));
  const token = await exchangeSignIn(licence.holderKey);
  const stored = await createPresentation(createExchangeClient(platform().exchangeUrl), token, {
    licenceId: licence.licenceId,
    ciphertext,
    lifetimeSeconds,
  });
  return `p=${stored.id}.${key}`;
}
