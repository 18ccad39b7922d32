import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  encodeAbiParameters,
  encodeEventTopics,
  parseEventLogs,
  zeroAddress,
  type AbiParameter,
  type Hex,
  type Log,
} from "viem";

import { ALL_EVENTS_ABI, eventsAbiFor } from "./contracts.ts";

/** A value of ABI type `parameter` (zeros, empty arrays and strings, `seed` in integers). */
function valueOf(parameter: AbiParameter, seed: number): unknown {
  const { type } = parameter;
  if (type.endsWith("]")) return [];
  if (type === "tuple") {
    return Object.fromEntries(
      (parameter as { components: readonly AbiParameter[] }).components.map((c) => [c.name, valueOf(c, seed)]),
    );
  }
  if (type.startsWith("uint") || type.startsWith("int")) {
    const bits = Number(type.replace(/^u?int/, "") || 256);
    return bits <= 48 ? seed % 100 : BigInt(seed);
  }
  if (type === "address") return zeroAddress;
  if (type === "bool") return seed % 2 === 0;
  if (type === "string") return `s${seed}`;
  if (type === "bytes") return "0x";
  if (type.startsWith("bytes")) return `0x${"ab".repeat(Number(type.slice(5)))}`;
  throw new Error(`no value for ${type}`);
}

/** One log of each OneWindow event, and one of an event no OneWindow contract has. */
function logsOfEveryEvent(): Log[] {
  const logs = ALL_EVENTS_ABI.map((event, i): Log => {
    const indexed = event.inputs.filter((p) => p.indexed);
    const plain = event.inputs.filter((p) => !p.indexed);
    const topics = encodeEventTopics({
      abi: [event],
      eventName: event.name,
      args: Object.fromEntries(indexed.map((p) => [p.name, valueOf(p, i)])),
    } as never) as [Hex, ...Hex[]];
    const data = encodeAbiParameters(
      plain,
      plain.map((p) => valueOf(p, i)),
    );
    return {
      address: zeroAddress,
      topics,
      data,
      blockHash: null,
      blockNumber: null,
      logIndex: i,
      transactionHash: null,
      transactionIndex: null,
      removed: false,
    } as unknown as Log;
  });
  logs.push({ ...logs[0]!, topics: [`0x${"12".repeat(32)}`], logIndex: logs.length } as Log);
  return logs;
}

describe("eventsAbiFor", () => {
  it("decodes every OneWindow event as the whole ABI does, and skips a foreign one", () => {
    const logs = logsOfEveryEvent();
    const whole = parseEventLogs({ abi: ALL_EVENTS_ABI, logs, strict: true });
    const subset = parseEventLogs({ abi: eventsAbiFor(logs), logs, strict: true });
    assert.equal(whole.length, ALL_EVENTS_ABI.length);
    assert.deepEqual(subset, whole);
    assert.deepEqual(eventsAbiFor([]), []);
    assert.deepEqual(
      eventsAbiFor([logs[3]!]).map((e) => e.name),
      [ALL_EVENTS_ABI[3]!.name],
    );
  });
});
