/**
 * Many transactions in flight from one key: nonces reach the node in order (an automining node
 * refuses a nonce from the future; an interval-mining one would stall on a gap), a send refused at
 * estimation does not leave a gap, and every receipt is awaited by polling. Two programs writing
 * with one key at once both get all their writes mined; an account that cannot pay gets an
 * InsufficientFundsError (also when an interval-mining node accepted the transaction, then dropped it).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { before, describe, it } from "node:test";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex, keccak256, parseEther, toHex, type Hash, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { registerDepartment } from "../actions/departments/registerDepartment.ts";
import { recordVerification } from "../actions/licences/recordVerification.ts";
import { Level } from "./enums.ts";
import { writeContract } from "./write.ts";
import { ContractRevertError } from "../errors/contract.ts";
import { InsufficientFundsError } from "../errors/sending.ts";
import { admin, clientFor, newAccount, RPC_URL, uniqueCode } from "@onewindow/testkit/test-chain";
import { inOrder, waitForTransaction } from "./write.ts";

/**
 * Starts sdk/src/test/shared-key-writer.ts (`count` writes with `key` from another process); once it
 * is ready, `go()` starts its writes and resolves to their hashes.
 */
async function anotherProcess(key: Hex, count: number, tag: string): Promise<{ go: () => Promise<Hash[]> }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.resolve(import.meta.dirname, "../test/shared-key-writer.ts"),
      RPC_URL,
      process.env.ONEWINDOW_TEST_DEPLOYMENT!,
      key,
      String(count),
      tag,
    ],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (c: Buffer) => {
      stdout += c;
      if (stdout.startsWith("ready\n")) resolve();
    });
    void exited.then((code) => reject(new Error(`writer exited ${code} before it was ready: ${stderr}`)));
  });
  return {
    go: async () => {
      child.stdin.write("go\n");
      const code = await exited;
      if (code !== 0) throw new Error(`writer exited ${code}: ${stderr}`);
      return JSON.parse(stdout.slice("ready\n".length)) as Hash[];
    },
  };
}

/** A fresh account holding `ether` (0: never funded). */
async function accountWith(ether: string) {
  const key = generatePrivateKey();
  const address = privateKeyToAccount(key).address;
  if (ether !== "0") {
    const hash = await inOrder(admin, async (nonce) =>
      admin.wallet!.sendTransaction({ to: address, value: parseEther(ether), nonce: await nonce() }),
    );
    await waitForTransaction(admin, hash);
  }
  return { key, address, client: clientFor(key) };
}

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

  it("two programs writing with one key at once: every write of both is mined, each nonce used once", async () => {
    const start = await officer.client.public.getTransactionCount({ address: officer.address });
    const other = await anotherProcess(officer.key, 12, "shared");
    const theirsSent = other.go();
    const here = Array.from({ length: 12 }, (_, i) =>
      recordVerification(clientFor(officer.key), {
        licenceId: licenceId(200 + i),
        purpose: toHex(i, { size: 32 }),
        fieldMask: 1n,
        result: 7,
      }),
    );
    const [mine, theirs] = await Promise.all([Promise.all(here), theirsSent]);
    const hashes = [...mine.map((r) => r.hash), ...theirs];
    const receipts = await Promise.all(hashes.map((hash) => officer.client.public.getTransactionReceipt({ hash })));
    assert.ok(receipts.every((r) => r.status === "success"));
    const nonces = await Promise.all(
      hashes.map(async (hash) => (await officer.client.public.getTransaction({ hash })).nonce),
    );
    assert.equal(new Set(nonces).size, 24);
    assert.equal(await officer.client.public.getTransactionCount({ address: officer.address }), start + 24);
  });
});

describe("an account that cannot pay", () => {
  let broke: Awaited<ReturnType<typeof accountWith>>;
  let poor: Awaited<ReturnType<typeof accountWith>>;
  before(async () => {
    // Enough for about one write at the node's gas price: an automining node refuses the second at
    // once; an interval-mining one accepts them all into its pool and drops the unpaid ones at mining.
    const gasPrice = await admin.public.getGasPrice();
    [broke, poor] = await Promise.all([
      accountWith("0"),
      accountWith((Number(gasPrice * 100_000n) / 1e18).toFixed(18)),
    ]);
    await registerDepartment(admin, {
      code: uniqueCode("FUNDS"),
      name: "余额测试部门",
      level: Level.District,
      encryptionKey: bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true)),
      officers: [broke.address, poor.address],
      threshold: 1,
    });
  });

  it("a fresh account with no funds: InsufficientFundsError with the account, its balance and what is needed", async () => {
    const error = await recordVerification(broke.client, {
      licenceId: licenceId(400),
      purpose: toHex(1, { size: 32 }),
      fieldMask: 1n,
      result: 7,
    }).then(
      () => assert.fail("the write went through"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof InsufficientFundsError, `got ${String(error)}`);
    assert.equal(error.account, broke.address);
    assert.equal(error.balance, 0n);
    assert.ok(error.needed !== undefined && error.needed > 0n);
    assert.match(error.messages.en, new RegExp(`${broke.address}.*0 ETH.*needs`));
    assert.match(error.messages.zh, /余额不足/);
    assert.equal(await broke.client.public.getTransactionCount({ address: broke.address }), 0);
  });

  it("more writes in flight than the balance pays for: InsufficientFundsError, not a timeout", async () => {
    const started = Date.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        recordVerification(poor.client, {
          licenceId: licenceId(300 + i),
          purpose: toHex(i, { size: 32 }),
          fieldMask: 1n,
          result: 7,
        }),
      ),
    );
    const failed = outcomes.filter((o) => o.status === "rejected").map((o) => (o as PromiseRejectedResult).reason);
    assert.ok(failed.length > 0, "every write was paid for");
    assert.ok(
      failed.every((e) => e instanceof InsufficientFundsError),
      `expected InsufficientFundsError, got ${failed.map(String).join("; ")}`,
    );
    assert.ok(Date.now() - started < 60_000, "took as long as a timeout");
  });
});
