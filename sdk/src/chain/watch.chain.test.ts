import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { bytesToHex } from "viem";
import { secp256k1 } from "@noble/curves/secp256k1";

import { registerDepartment } from "../actions/departments/registerDepartment.ts";
import { Level } from "./enums.ts";
import { getOneWindowEvents, watchOneWindowEvents, type OneWindowEvent } from "./watch.ts";
import { admin, newAccount, readOnlyClient, uniqueCode } from "@onewindow/testkit/test-chain";

const encryptionKey = bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true));

async function register(code: string) {
  const officer = await newAccount();
  return registerDepartment(admin, {
    code,
    name: "测试部门",
    level: Level.District,
    encryptionKey,
    officers: [officer.address],
    threshold: 1,
  });
}

/** Waits until `predicate` holds, polling. */
async function until(predicate: () => boolean, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

const registeredCodes = (events: OneWindowEvent[]) =>
  events.flatMap((e) => (e.eventName === "DepartmentRegistered" ? [e.args.code] : []));

describe("watchOneWindowEvents", () => {
  it("delivers events in order and resumes from a checkpoint without gaps or duplicates", async () => {
    const reader = readOnlyClient();
    const start = (await reader.public.getBlockNumber()) + 1n;
    const codes = [uniqueCode("W1"), uniqueCode("W2"), uniqueCode("W3"), uniqueCode("W4")];

    const seen: string[] = [];
    let checkpoint = start;
    const first = watchOneWindowEvents(reader, {
      fromBlock: start,
      onEvents: (events, { toBlock }) => {
        seen.push(...registeredCodes(events));
        checkpoint = toBlock + 1n;
      },
    });
    await register(codes[0]!);
    await register(codes[1]!);
    await until(() => seen.length === 2);
    await first.stop();
    assert.equal(first.nextBlock, checkpoint);

    // While nobody watches, two more departments are registered.
    await register(codes[2]!);
    await register(codes[3]!);

    const second = watchOneWindowEvents(reader, {
      fromBlock: checkpoint,
      onEvents: (events) => {
        seen.push(...registeredCodes(events));
      },
    });
    await until(() => seen.length >= 4);
    await second.stop();
    assert.deepEqual(seen, codes);

    // A one-shot read of the same range gives the same events.
    const all = await getOneWindowEvents(reader, {
      fromBlock: start,
      toBlock: await reader.public.getBlockNumber(),
      contracts: ["DepartmentRegistry"],
    });
    assert.deepEqual(registeredCodes(all), codes);
  });

  it("splits a long range into batches no larger than maxBlockRange", async () => {
    const reader = readOnlyClient();
    const latest = await reader.public.getBlockNumber();
    const ranges: bigint[] = [];
    const watcher = watchOneWindowEvents(reader, {
      fromBlock: 0n,
      maxBlockRange: 3,
      onEvents: (_events, { fromBlock, toBlock }) => {
        ranges.push(toBlock - fromBlock + 1n);
      },
    });
    await until(() => watcher.nextBlock > latest);
    await watcher.stop();
    assert.ok(ranges.length >= Number((latest + 1n) / 3n));
    assert.ok(ranges.every((size) => size <= 3n));
  });
});
