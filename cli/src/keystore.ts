import { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes, randomUUID } from "node:crypto";

import { scrypt } from "@noble/hashes/scrypt.js";

import { bytesToHex, hexToBytes, keccak256, type Hex } from "viem";
import { privateKeyToAddress } from "viem/accounts";

import { KeyError } from "./exit-codes.ts";

/** An encrypted key file in the Web3 Secret Storage format, version 3 (as geth, ethers and Besu write). */
export type Keystore = {
  version: 3;
  id: string;
  address: string;
  crypto: {
    cipher: "aes-128-ctr";
    ciphertext: string;
    cipherparams: { iv: string };
    kdf: "scrypt" | "pbkdf2";
    kdfparams: Record<string, number | string>;
    mac: string;
  };
};

const unhex = (value: unknown, what: string): Buffer => {
  if (typeof value !== "string" || !/^(0x)?[0-9a-fA-F]*$/.test(value)) {
    throw new KeyError(`The keystore's ${what} is not hex.`, `密钥库文件的 ${what} 不是十六进制。`);
  }
  return Buffer.from(value.replace(/^0x/, ""), "hex");
};

/**
 * Decrypts a version-3 keystore with its password; returns the private key.
 *
 * @example
 * const key = decryptKeystore(JSON.parse(readFileSync("officer.json", "utf8")), password);
 */
export function decryptKeystore(json: unknown, password: string): Hex {
  const store = json as Partial<Keystore> | null;
  if (typeof store !== "object" || store === null || store.version !== 3 || typeof store.crypto !== "object") {
    throw new KeyError("This is not a version-3 keystore file.", "这不是第 3 版密钥库文件（Web3 Secret Storage）。");
  }
  const { crypto } = store;
  if (crypto.cipher !== "aes-128-ctr") {
    throw new KeyError(`Keystore cipher ${String(crypto.cipher)} is not supported.`, "不支持该密钥库的加密算法。");
  }
  const params = crypto.kdfparams ?? {};
  const salt = unhex(params.salt, "salt");
  const dklen = Number(params.dklen ?? 32);
  let derived: Buffer;
  if (crypto.kdf === "scrypt") {
    const N = Number(params.n);
    const r = Number(params.r);
    const p = Number(params.p);
    if (!(N > 1 && N <= 2 ** 20 && r >= 1 && r <= 16 && p >= 1 && p <= 16)) {
      throw new KeyError("The keystore's scrypt parameters are out of range.", "密钥库的 scrypt 参数超出范围。");
    }
    // @noble/hashes: OpenSSL's scrypt refuses valid keystores (it needs N < 2^(16·r)).
    derived = Buffer.from(scrypt(password.normalize("NFKC"), salt, { N, r, p, dkLen: dklen }));
  } else if (crypto.kdf === "pbkdf2") {
    if (params.prf !== "hmac-sha256") throw new KeyError("Keystore PRF is not supported.", "不支持该密钥库的 PRF。");
    derived = pbkdf2Sync(password.normalize("NFKC"), salt, Number(params.c), dklen, "sha256");
  } else {
    throw new KeyError(`Keystore KDF ${String(crypto.kdf)} is not supported.`, "不支持该密钥库的密钥派生算法。");
  }
  const ciphertext = unhex(crypto.ciphertext, "ciphertext");
  const mac = keccak256(Buffer.concat([derived.subarray(16, 32), ciphertext]));
  if (mac.slice(2).toLowerCase() !== String(crypto.mac).replace(/^0x/, "").toLowerCase()) {
    throw new KeyError(
      "Wrong keystore password (the MAC does not match).",
      "密钥库密码错误（校验值不匹配），请重新输入。",
    );
  }
  const decipher = createDecipheriv("aes-128-ctr", derived.subarray(0, 16), unhex(crypto.cipherparams?.iv, "iv"));
  const key = bytesToHex(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
  if (
    store.address &&
    privateKeyToAddress(key).slice(2).toLowerCase() !== store.address.replace(/^0x/, "").toLowerCase()
  ) {
    throw new KeyError("The keystore's address does not match its key.", "密钥库中的地址与私钥不符。");
  }
  return key;
}

/**
 * Encrypts a private key into a version-3 keystore (scrypt; `n` 2^17 by default as geth does; a
 * lower `n` only for tests).
 */
export function encryptKeystore(key: Hex, password: string, options: { n?: number } = {}): Keystore {
  const n = options.n ?? 131072;
  const r = 8;
  const p = 1;
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const derived = Buffer.from(scrypt(password.normalize("NFKC"), salt, { N: n, r, p, dkLen: 32 }));
  const cipher = createCipheriv("aes-128-ctr", derived.subarray(0, 16), iv);
  const ciphertext = Buffer.concat([cipher.update(hexToBytes(key)), cipher.final()]);
  const mac = keccak256(Buffer.concat([derived.subarray(16, 32), ciphertext]));
  return {
    version: 3,
    id: randomUUID(),
    address: privateKeyToAddress(key).slice(2).toLowerCase(),
    crypto: {
      cipher: "aes-128-ctr",
      ciphertext: ciphertext.toString("hex"),
      cipherparams: { iv: iv.toString("hex") },
      kdf: "scrypt",
      kdfparams: { dklen: 32, n, r, p, salt: salt.toString("hex") },
      mac: mac.slice(2),
    },
  };
}
