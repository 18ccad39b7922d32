import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { weierstrassPoints } from "@noble/curves/abstract/weierstrass";
import { Field, mod } from "@noble/curves/abstract/modular";
import { bytesToHex, concatHex, hexToBytes, toHex, type Hex } from "viem";

import { SealError } from "../errors/seal.ts";
import {
  SM2_DEFAULT_USER_ID,
  newSm2PrivateKey,
  parseSm2PublicKey,
  sm2PublicKeyOf,
  sm2Sign,
  sm2Verify,
  sm2Z,
  sm3Digest,
} from "./sm2.ts";

const text = (s: string) => new TextEncoder().encode(s);

describe("SM3 (GB/T 32905-2016, Appendix A)", () => {
  it('example 1: "abc"', () => {
    assert.equal(sm3Digest(text("abc")), "0x66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  });
  it('example 2: the 64 bytes "abcd" × 16', () => {
    assert.equal(
      sm3Digest(text("abcd".repeat(16))),
      "0xdebe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
    );
  });
});

/**
 * The signature example on the SM2 recommended curve (GM/T 0003.5-2012 / GB/T 32918.5-2017):
 * message "message digest", ID "1234567812345678", d_A and k as published, with Z_A, e, r and s.
 */
const RECOMMENDED = {
  d: "0x3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8" as Hex,
  publicKey: ("0x04" +
    "09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020" +
    "ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13") as Hex,
  z: "0xb2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3",
  e: "0xf0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640",
  k: 0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21n,
  r: "f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3",
  s: "b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa",
};

describe("SM2 signature on the recommended curve (GM/T 0003.5 / GB/T 32918.5 example)", () => {
  const message = text("message digest");

  it("derives the published public key from d_A", () => {
    assert.equal(sm2PublicKeyOf(RECOMMENDED.d), RECOMMENDED.publicKey);
  });

  it('computes Z_A for ID "1234567812345678" and e = SM3(Z_A ‖ M)', () => {
    assert.equal(SM2_DEFAULT_USER_ID, "1234567812345678");
    const z = sm2Z(RECOMMENDED.publicKey);
    assert.equal(z, RECOMMENDED.z);
    assert.equal(sm3Digest(hexToBytes(concatHex([z, bytesToHex(message)]))), RECOMMENDED.e);
  });

  it("signs with the published k to the published (r, s), and verifies it", () => {
    const signature = sm2Sign(RECOMMENDED.d, message, { k: RECOMMENDED.k });
    assert.equal(signature, `0x${RECOMMENDED.r}${RECOMMENDED.s}`);
    assert.equal(sm2Verify(RECOMMENDED.publicKey, message, signature), true);
  });

  it("refuses the published signature when one bit of the message, r or s changes, or under another ID or key", () => {
    const signature = `0x${RECOMMENDED.r}${RECOMMENDED.s}` as Hex;
    const flipped = Uint8Array.from(message);
    flipped[0]! ^= 1;
    assert.equal(sm2Verify(RECOMMENDED.publicKey, flipped, signature), false);
    const badR = `0x${(BigInt(`0x${RECOMMENDED.r}`) ^ 1n).toString(16).padStart(64, "0")}${RECOMMENDED.s}` as Hex;
    assert.equal(sm2Verify(RECOMMENDED.publicKey, message, badR), false);
    const badS = `0x${RECOMMENDED.r}${(BigInt(`0x${RECOMMENDED.s}`) ^ 1n).toString(16).padStart(64, "0")}` as Hex;
    assert.equal(sm2Verify(RECOMMENDED.publicKey, message, badS), false);
    assert.equal(sm2Verify(RECOMMENDED.publicKey, message, signature, { userId: "ALICE123@YAHOO.COM" }), false);
    assert.equal(sm2Verify(sm2PublicKeyOf(newSm2PrivateKey()), message, signature), false);
  });

  it("round-trips random keys and messages, with fresh k each time", () => {
    for (let i = 0; i < 20; i += 1) {
      const key = newSm2PrivateKey();
      const data = crypto.getRandomValues(new Uint8Array(i * 7));
      const a = sm2Sign(key, data);
      assert.notEqual(a, sm2Sign(key, data));
      assert.equal(sm2Verify(sm2PublicKeyOf(key), data, a), true);
    }
  });
});

/**
 * GB/T 32918.2-2016 Annex A.2 (GM/T 0003.2 Annex A): the signature example on the standard's own
 * example 256-bit prime curve, ID "ALICE123@YAHOO.COM". The library is fixed to the recommended
 * curve, so here the library's SM3 computes Z_A and e over the example curve's parameters, and the
 * published (r, s) is checked with the verification equation of §7.1 on that curve using noble's
 * point arithmetic.
 */
describe("SM2 signature example of GB/T 32918.2 Annex A (example curve)", () => {
  const curve = {
    p: 0x8542d69e4c044f18e8b92435bf6ff7de457283915c45517d722edb8b08f1dfc3n,
    a: 0x787968b4fa32c3fd2417842e73bbfeff2f3c848b6831d7e0ec65228b3937e498n,
    b: 0x63e4c6d3b23b0c849cf84241484bfe48f61d59a5b16ba06e6e12d1da27c5249an,
    n: 0x8542d69e4c044f18e8b92435bf6ff7dd297720630485628d5ae74ee7c32e79b7n,
    gx: 0x421debd61b62eab6746434ebc3cc315e32220b3badd50bdc4c4e6c147fedd43dn,
    gy: 0x0680512bcbb42c07d47349d2153b70c4e5d7fdfcbfa36ea1a85841b9e46e09a2n,
  };
  const xA = 0x0ae4c7798aa0f119471bee11825be46202bb79e2a5844495e97c04ff4df2548an;
  const yA = 0x7c0240f88f1cd4e16352a73c17b7f16f07353e53a176d684a9fe0c6bb798e857n;
  const dA = 0x128b2fa8bd433c6c068c8d803dff79792a519a55171b1b650c23661d15897263n;
  const r = 0x40f1ec59f793d9f49e09dcef49130d4194f79fb1eed2caa55bacdb49c4e755d1n;
  const s = 0x6fc6dac32c5d5cf10c77dfb20f7c2eb667a457872fb09ec56327a67ec7deebe7n;
  const id = "ALICE123@YAHOO.COM";
  const { ProjectivePoint: Point } = weierstrassPoints({
    a: curve.a,
    b: curve.b,
    Fp: Field(curve.p),
    n: curve.n,
    Gx: curve.gx,
    Gy: curve.gy,
    h: 1n,
  });
  const word = (x: bigint) => toHex(x, { size: 32 });
  const zA = sm3Digest(
    hexToBytes(
      concatHex([
        toHex(text(id).length * 8, { size: 2 }),
        bytesToHex(text(id)),
        ...[curve.a, curve.b, curve.gx, curve.gy, xA, yA].map(word),
      ]),
    ),
  );
  const e = BigInt(sm3Digest(hexToBytes(concatHex([zA, bytesToHex(text("message digest"))]))));

  it("P_A = [d_A]G, and Z_A and e as published", () => {
    const pA = Point.BASE.multiply(dA).toAffine();
    assert.deepEqual([pA.x, pA.y], [xA, yA]);
    assert.equal(zA, "0xf4a38489e32b45b6f876e3ac2168ca392362dc8f23459c1d1146fc3dbfb7bc9a");
    assert.equal(e, 0xb524f552cd82b8b028476e005c377fb19a87e6fc682d48bb5d42e3d9b9effe76n);
  });

  it("the published (r, s) satisfies R = (e + x1') mod n, and a changed bit does not", () => {
    const verify = (digest: bigint) => {
      const t = mod(r + s, curve.n);
      const point = Point.BASE.multiply(s)
        .add(Point.fromAffine({ x: xA, y: yA }).multiply(t))
        .toAffine();
      return mod(digest + point.x, curve.n) === r;
    };
    assert.equal(verify(e), true);
    assert.equal(verify(e ^ 1n), false);
  });
});

describe("SM2 keys: bad input is named", () => {
  const valid = sm2PublicKeyOf(newSm2PrivateKey());
  const cases: [string, unknown, RegExp][] = [
    ["not hex", "hello", /not 0x hex/],
    ["a number", 4, /not 0x hex/],
    ["33 bytes (compressed)", `0x02${"11".repeat(32)}`, /has 33 bytes; an SM2 public key has 65/],
    ["prefix 0x03", `0x03${valid.slice(4)}`, /does not start with 0x04/],
    ["not on the curve", `${valid.slice(0, -2)}${valid.endsWith("00") ? "01" : "00"}`, /not a point of the SM2 curve/],
  ];
  for (const [name, key, reason] of cases) {
    it(`refuses a public key that is ${name}`, () => {
      assert.throws(
        () => parseSm2PublicKey(key, "the key"),
        (error: unknown) =>
          error instanceof SealError &&
          reason.test(error.reason) &&
          error.messages.zh.length > 0 &&
          error.code === "SEAL_INVALID",
      );
      assert.equal(sm2Verify(key as Hex, text("x"), `0x${"11".repeat(64)}`), false);
    });
  }
  it("refuses a private key of 0 or n − 1 or the wrong length", () => {
    assert.throws(() => sm2PublicKeyOf(`0x${"00".repeat(32)}`), SealError);
    assert.throws(
      () => sm2PublicKeyOf("0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54122"),
      /out of range/,
    );
    assert.throws(() => sm2PublicKeyOf("0x1234"), /not 32 bytes/);
  });
  it("a malformed signature is not valid, and nothing throws", () => {
    for (const signature of ["0x", "0x1234", `0x${"00".repeat(64)}`, `0x${"ff".repeat(64)}`, "zz"]) {
      assert.equal(sm2Verify(valid, text("x"), signature as Hex), false);
    }
  });
});
