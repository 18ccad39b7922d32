/**
 * Exact gas of the registry operations (licences, consents, restrictions) on a freshly deployed
 * platform, for scripts/gas.ts and bench/gas.ts. Every figure is one transaction's gasUsed.
 */
import { buildBatch, sm2PublicKeyOf } from "@onewindow/sdk";
import type { NetworkConnection } from "hardhat/types/network";

import OneWindowModule from "../ignition/modules/OneWindow.ts";

/** Batch size used for the batch measurements (proof length log2 = 10). */
export const BATCH_SIZE = 1024;

type Sent = { wait(): Promise<{ gasUsed: bigint } | null> };

/** Deploys the platform on `connection` with the Ignition module and returns gas per registry operation. */
export async function measureRegistries(connection: NetworkConnection): Promise<Record<string, number>> {
  const { ethers, ignition } = connection;
  const [, officer, holder, court] = await ethers.getSigners();
  const deployed = await ignition.deploy(OneWindowModule);
  const departments = deployed.departmentRegistry;
  const licenceTypes = deployed.licenceTypeRegistry;
  const licences = deployed.licenceRegistry.connect(officer) as typeof deployed.licenceRegistry;
  const consents = deployed.consentRegistry.connect(holder) as typeof deployed.consentRegistry;
  const restrictions = deployed.restrictionList.connect(court) as typeof deployed.restrictionList;

  const key = (n: number) => ethers.SigningKey.computePublicKey(ethers.zeroPadValue(ethers.toBeHex(n), 32), true);
  await (
    await departments.registerDepartment(
      { code: "HD-SAMR", name: "海淀区市场监督管理局", level: 3, kind: 0, encryptionKey: key(1) },
      [officer!.address],
      1,
    )
  ).wait();
  await (
    await departments.registerDepartment(
      { code: "HD-COURT", name: "海淀区人民法院", level: 3, kind: 0, encryptionKey: key(2) },
      [court!.address],
      1,
    )
  ).wait();
  await (
    await licenceTypes.registerType("BUSINESS_LICENCE", "营业执照", {
      level: 2,
      defaultValidity: 0,
      fieldNames: ["holder", "code", "name"],
      issuers: [1],
    })
  ).wait();
  await (await deployed.restrictionList.setLister(2, true)).wait();

  const results: Record<string, number> = {};
  async function measure(name: string, send: () => Promise<Sent>) {
    const receipt = await (await send()).wait();
    results[name] = Number(receipt!.gasUsed);
  }

  const id = (label: string) => ethers.keccak256(ethers.toUtf8Bytes(label));
  const batchIds = Array.from({ length: BATCH_SIZE }, (_, i) => id(`member-${i}`) as `0x${string}`);
  const batch = buildBatch(batchIds);
  const member = batchIds[BATCH_SIZE / 2]!;
  const inTwoYears = Math.floor(Date.now() / 1000) + 2 * 365 * 86_400;

  await measure("issueSingle", () => licences.issue(id("single"), 1, 1, inTwoYears));
  await measure("issueBatchRoot", () => licences.issueBatch(batch.root, 1, 1, inTwoYears, BATCH_SIZE));
  await measure("revokeInBatch", () => licences.revoke(member, batch.root, batch.proofOf(member), 1));
  await measure("suspendSingle", () => licences.suspend(id("single"), ethers.ZeroHash, [], 2));
  await measure("resumeSingle", () => licences.resume(id("single"), ethers.ZeroHash, []));
  await measure("revokeSingle", () => licences.revoke(id("single"), ethers.ZeroHash, [], 3));
  await licences.issue(id("old"), 1, 1, 0);
  await measure("replace", () => licences.replace(id("old"), ethers.ZeroHash, [], id("new"), 1, 0, 4));
  await measure("recordVerification", () => licences.recordVerification(id("single"), id("application-1"), 7n, 7));
  await measure("grantConsent", () =>
    consents.grant({
      departmentId: 1,
      licenceId: id("single"),
      fieldMask: 3n,
      purpose: id("application-1"),
      expiresAt: inTwoYears,
    }),
  );
  await measure("listRestriction", () => restrictions.list(id("subject"), 1, 0));
  // The national seal's key (docs/seal.md): the first one, then a rotation (the history grows).
  const sealKey = (n: number) => sm2PublicKeyOf(ethers.zeroPadValue(ethers.toBeHex(n), 32) as `0x${string}`);
  await measure("setSealKey", () => departments.setSealKey(1, sealKey(1)));
  await measure("rotateSealKey", () => departments.setSealKey(1, sealKey(2)));
  return results;
}
