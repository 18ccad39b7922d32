import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex } from "viem";

import { registerDepartment } from "../src/actions/departments/registerDepartment.ts";
import { Level } from "../src/chain/enums.ts";
import { ContractRevertError } from "../src/errors/contract.ts";
import { admin, newAccount, newAccounts, uniqueCode } from "./helpers/chain.ts";

const encryptionKey = bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true));

describe("registerDepartment", () => {
  it("registers a department and returns its id", async () => {
    const officers = await newAccounts(3);
    const { departmentId } = await registerDepartment(admin, {
      code: uniqueCode("SAMR"),
      name: "海淀区市场监督管理局",
      level: Level.District,
      encryptionKey,
      officers: officers.map((o) => o.address),
      threshold: 2,
    });
    assert.ok(departmentId > 0);
  });

  it("rejects an unauthorised caller with a decoded, translated error", async () => {
    const stranger = await newAccount();
    await assert.rejects(
      registerDepartment(stranger.client, {
        code: uniqueCode("X"),
        name: "未授权",
        level: Level.District,
        encryptionKey,
        officers: [stranger.address],
        threshold: 1,
      }),
      (error: unknown) => {
        assert.ok(error instanceof ContractRevertError);
        assert.equal(error.errorName, "AccessManagedUnauthorized");
        assert.equal((error.args[0] as string).toLowerCase(), stranger.address.toLowerCase());
        assert.match(error.messages.zh, /无权/);
        return true;
      },
    );
  });
});
