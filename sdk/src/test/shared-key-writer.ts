/**
 * Another program signing with the same key, for sending.chain.test.ts: sends `COUNT`
 * recordVerification writes at once from a client of its own (its own process, so its own nonce
 * counting) and prints their hashes as JSON. It prints `ready` first and sends when a line comes
 * on stdin, so that the test's own writes start at the same moment.
 *
 *   node --import tsx sdk/src/test/shared-key-writer.ts <rpcUrl> <deploymentFile> <key> <count> <tag>
 */
import { keccak256, toHex, type Hex } from "viem";

import { recordVerification } from "../actions/licences/recordVerification.ts";
import { createOneWindowClient } from "../chain/client.ts";
import { readDeployment } from "../node/index.ts";

const [rpcUrl, deploymentFile, key, count, tag] = process.argv.slice(2) as [string, string, Hex, string, string];
const client = createOneWindowClient({ rpcUrl, deployment: readDeployment({ file: deploymentFile }), account: key });
console.log("ready");
await new Promise((resolve) => process.stdin.once("data", resolve));
process.stdin.pause();
const results = await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    recordVerification(client, {
      licenceId: keccak256(toHex(`shared-key-${tag}-${i}`)),
      purpose: toHex(i, { size: 32 }),
      fieldMask: 1n,
      result: 7,
    }),
  ),
);
console.log(JSON.stringify(results.map((r) => r.hash)));
