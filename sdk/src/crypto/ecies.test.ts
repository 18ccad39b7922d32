import assert from "node:assert/strict";
import { describe, it } from "node:test";

import fc from "fast-check";
import { bytesToHex, type Hex } from "viem";
import { generatePrivateKey } from "viem/accounts";

import { EciesError } from "../errors/ecies.ts";
import { eciesDecrypt, eciesEncrypt, encryptionPublicKey } from "./ecies.ts";

const text = (s: string) => new TextEncoder().encode(s);

describe("ECIES", () => {
  it("round-trips any bytes to the holder of the private key", () => {
    const key = generatePrivateKey();
    const publicKey = encryptionPublicKey(key);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (plaintext) => {
        assert.deepEqual(eciesDecrypt(key, eciesEncrypt(publicKey, plaintext)), plaintext);
      }),
      { numRuns: 100 },
    );
  });

  it("encrypts the same plaintext differently each time", () => {
    const publicKey = encryptionPublicKey(generatePrivateKey());
    assert.notEqual(eciesEncrypt(publicKey, text("同一内容")), eciesEncrypt(publicKey, text("同一内容")));
  });

  it("refuses another key", () => {
    const envelope = eciesEncrypt(encryptionPublicKey(generatePrivateKey()), text("不动产权证书"));
    assert.throws(() => eciesDecrypt(generatePrivateKey(), envelope), EciesError);
  });

  it("detects any altered byte", () => {
    const key = generatePrivateKey();
    const envelope = eciesEncrypt(encryptionPublicKey(key), text("address: 海淀区"));
    const bytes = Buffer.from(envelope.slice(2), "hex");
    for (const index of [0, 1, 20, 34, 40, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[index]! ^= 0x01;
      assert.throws(() => eciesDecrypt(key, bytesToHex(altered)), EciesError, `byte ${index}`);
    }
  });

  it("refuses what is not an envelope or not a public key", () => {
    assert.throws(() => eciesDecrypt(generatePrivateKey(), "0x01" as Hex), EciesError);
    assert.throws(() => eciesDecrypt(generatePrivateKey(), "nonsense" as Hex), EciesError);
    assert.throws(() => eciesEncrypt("0x02" as Hex, text("x")), EciesError);
    assert.throws(() => eciesEncrypt(`0x04${"00".repeat(64)}`, text("x")), EciesError);
  });
});
