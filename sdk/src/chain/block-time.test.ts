import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { blockTimeOf } from "./write.ts";
import type { OneWindowClient } from "./client.ts";

/** A client whose node answers `getBlock` from these timestamps (block n at `timestamps[n]`). */
function nodeWith(url: string, timestamps: number[]): OneWindowClient {
  const latest = BigInt(timestamps.length - 1);
  const block = (n: bigint) => ({ number: n, timestamp: BigInt(timestamps[Number(n)]!) });
  return {
    chain: { id: 31337, rpcUrls: { default: { http: [url] } } },
    public: { getBlock: async (args?: { blockNumber?: bigint }) => block(args?.blockNumber ?? latest) },
  } as unknown as OneWindowClient;
}

describe("blockTimeOf", () => {
  it("a clock moved on once (a test's evm_increaseTime) does not make a 1-second chain look like a 60-second one", async () => {
    const timestamps = Array.from({ length: 40 }, (_, i) => 1_000 + i);
    for (let i = 30; i < timestamps.length; i++) timestamps[i]! += 3_600;
    assert.equal(await blockTimeOf(nodeWith("http://jump.test", timestamps)), 1);
  });

  it("a chain mining every 2 seconds measures 2; a young chain 1", async () => {
    assert.equal(
      await blockTimeOf(
        nodeWith(
          "http://two.test",
          Array.from({ length: 30 }, (_, i) => 5_000 + 2 * i),
        ),
      ),
      2,
    );
    assert.equal(await blockTimeOf(nodeWith("http://young.test", [7_000])), 1);
  });
});
