/**
 * What the SDK asks the node per write, beyond what a raw viem send asks (the fees, the estimate,
 * the send, the receipt): nothing it does not need. Many writes in flight at once read the account's
 * nonce once; a decision's gas is estimated once, without preparing a whole transaction for it; the
 * same check read by writes started together is read once.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex, type Hex } from "viem";

import { decide } from "../actions/applications/decide.ts";
import { submitApplication } from "../actions/applications/submitApplication.ts";
import { registerMatter } from "../actions/catalogue/registerMatter.ts";
import { registerDepartment } from "../actions/departments/registerDepartment.ts";
import { registerLicenceType } from "../actions/licence-types/registerLicenceType.ts";
import { issueLicence } from "../actions/licences/issueLicence.ts";
import { buildLicence } from "../licence/build.ts";
import { Level, Outcome } from "./enums.ts";
import { admin, newAccounts, uniqueCode } from "@onewindow/testkit/test-chain";

/** The JSON-RPC requests this process sends while `run` runs, by method. */
async function requestsOf(run: () => Promise<unknown>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const original = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    if (typeof init?.body === "string") {
      const body = JSON.parse(init.body) as { method: string } | { method: string }[];
      for (const { method } of Array.isArray(body) ? body : [body]) counts[method] = (counts[method] ?? 0) + 1;
    }
    return original(input, init);
  };
  try {
    await run();
  } finally {
    globalThis.fetch = original;
  }
  return counts;
}

const N = 10;
let officer: Awaited<ReturnType<typeof newAccounts>>[number];
let applicant: Awaited<ReturnType<typeof newAccounts>>[number];
let departmentId: number;
let typeId: number;
let matterId: number;

describe("JSON-RPC requests per write", () => {
  before(async () => {
    [officer, applicant] = (await newAccounts(2)) as [typeof officer, typeof officer];
    ({ departmentId } = await registerDepartment(admin, {
      code: uniqueCode("RPC"),
      name: "请求计数测试部门",
      level: Level.District,
      encryptionKey: bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true)),
      officers: [officer!.address],
      threshold: 1,
    }));
    ({ typeId } = await registerLicenceType(admin, {
      code: uniqueCode("RPC_LICENCE"),
      name: "请求计数证照 Request count licence",
      level: Level.District,
      defaultValidity: 0,
      fieldNames: ["holder", "name"],
      issuers: [departmentId],
    }));
    ({ matterId } = await registerMatter(admin, {
      code: uniqueCode("RPC-MATTER"),
      name: "请求计数事项",
      steps: [{ departmentId, timeLimit: 5 }],
      materials: [],
    }));
  });

  it(`${N} decisions at once: gas asked once each, one nonce read in all, the fees read once per send`, async () => {
    const ids: Hex[] = [];
    for (let i = 0; i < N; i++) ids.push((await submitApplication(applicant.client, { matterId })).applicationId);
    const counts = await requestsOf(() =>
      Promise.all(
        ids.map((applicationId) => decide(officer.client, { applicationId, step: 0, outcome: Outcome.Approve })),
      ),
    );
    // The estimate comes with the transaction's preparation, as for raw viem (the decision's
    // headroom is added to it): one eth_fillTransaction where the node has it (anvil), else one
    // estimate (hardhat, whose refused fill is asked once), not both.
    assert.ok(
      (counts.eth_estimateGas ?? 0) + (counts.eth_fillTransaction ?? 0) <= N + 1,
      `gas asked twice per decision: ${JSON.stringify(counts)}`,
    );
    assert.equal(counts.eth_sendRawTransaction, N, JSON.stringify(counts));
    assert.ok((counts.eth_getTransactionCount ?? 0) <= 1, `nonce read more than once: ${JSON.stringify(counts)}`);
    // hardhat: the latest block and the priority fee per send; anvil: one eth_fillTransaction per send.
    assert.ok((counts.eth_getBlockByNumber ?? 0) <= N, `block read twice per decision: ${JSON.stringify(counts)}`);
    assert.ok((counts.eth_fillTransaction ?? 0) <= N + 1, `prepared twice per decision: ${JSON.stringify(counts)}`);
  });

  it(`${N} licences issued at once: the signer's department read once, not once per licence`, async () => {
    const files = Array.from(
      { length: N },
      (_, i) =>
        buildLicence({
          typeId,
          typeVersion: 1,
          fieldNames: ["holder", "name"],
          fields: { name: `请求计数 ${i} ${Math.random()}` },
          holder: applicant.address,
          issuerDepartment: departmentId,
        }).file,
    );
    const counts = await requestsOf(() => Promise.all(files.map((file) => issueLicence(officer.client, { file }))));
    assert.equal(counts.eth_sendRawTransaction, N, JSON.stringify(counts));
    assert.equal(counts.eth_call, 1, JSON.stringify(counts));
    // Gas comes with the transaction's preparation, as for raw viem: one eth_fillTransaction where
    // the node has it (anvil), else one estimate (hardhat; its refused fill asked once), not both.
    assert.ok(
      (counts.eth_estimateGas ?? 0) + (counts.eth_fillTransaction ?? 0) <= N + 1,
      `gas asked twice per licence: ${JSON.stringify(counts)}`,
    );
  });

  it(`${N} submissions at once: the matter read once`, async () => {
    const counts = await requestsOf(() =>
      Promise.all(Array.from({ length: N }, () => submitApplication(applicant.client, { matterId }))),
    );
    assert.equal(counts.eth_sendRawTransaction, N, JSON.stringify(counts));
    assert.equal(counts.eth_call, 1, JSON.stringify(counts));
  });
});
