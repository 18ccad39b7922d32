/**
 * Many transactions in flight from one key: nonces reach the node in order (an automining node
 * refuses a nonce from the future; an interval-mining one would stall on a gap), a send refused at
 * estimation does not leave a gap, and every receipt is awaited by polling.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex, keccak256, toHex, type Hex } from "viem";

import { registerDepartment } from "../actions/departments/registerDepartment.ts";
import { recordVerification } from "../actions/licences/recordVerification.ts";
import { Level } from "./enums.ts";
import { writeContract } from "./write.ts";
import { ContractRevertError } from "../errors/contract.ts";
import { admin, newAccount, uniqueCode } from "@onewindow/testkit/test-chain";

let officer: Awaited<ReturnType<typeof newAccount>>;
const licenceId = (i: number): Hex => keccak256(toHex(`sending-test-licence-${i}`));

describe("sending many transactions from one key", () => {
  before(async () => {
    officer = await newAccount();
    await registerDepartment(admin, {
      code: uniqueCode("SEND"),
      name: "并发发送测试部门",
      level: Level.District,
      encryptionKey: bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true)),
      officers: [officer.address],
      threshold: 1,
    });
  });

  it("sends 30 at once: all mined, with consecutive nonces in submission order", async () => {
    const start = await officer.client.public.getTransactionCount({ address: officer.address });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        recordVerification(officer.client, {
          licenceId: licenceId(i),
          purpose: toHex(i, { size: 32 }),
          fieldMask: 1n,
          result: 7,
        }),
      ),
    );
    const transactions = await Promise.all(results.map(({ hash }) => officer.client.public.getTransaction({ hash })));
    assert.deepEqual(
      transactions.map((t) => t.nonce),
      Array.from({ length: 30 }, (_, i) => start + i),
    );
    assert.equal(await officer.client.public.getTransactionCount({ address: officer.address }), start + 30);
  });

  it("a send refused at estimation leaves no nonce gap for the sends after it", async () => {
    const start = await officer.client.public.getTransactionCount({ address: officer.address });
    const outcomes = await Promise.allSettled([
      recordVerification(officer.client, {
        licenceId: licenceId(100),
        purpose: toHex(1, { size: 32 }),
        fieldMask: 1n,
        result: 7,
      }),
      // Not the registrar: refused by the AccessManager at estimation, never sent.
      writeContract(officer.client, {
        contract: "DepartmentRegistry",
        functionName: "setDepartmentActive",
        args: [1, false],
      }),
      recordVerification(officer.client, {
        licenceId: licenceId(101),
        purpose: toHex(2, { size: 32 }),
        fieldMask: 1n,
        result: 7,
      }),
      recordVerification(officer.client, {
        licenceId: licenceId(102),
        purpose: toHex(3, { size: 32 }),
        fieldMask: 1n,
        result: 7,
      }),
    ]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ["fulfilled", "rejected", "fulfilled", "fulfilled"],
    );
    const refused = (outcomes[1] as PromiseRejectedResult).reason as unknown;
    assert.ok(refused instanceof ContractRevertError);
    assert.equal(refused.errorName, "AccessManagedUnauthorized");
    assert.equal(await officer.client.public.getTransactionCount({ address: officer.address }), start + 3);
  });
});
