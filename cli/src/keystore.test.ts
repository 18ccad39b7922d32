import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { generatePrivateKey } from "viem/accounts";

import { KeyError } from "./exit-codes.ts";
import { decryptKeystore, encryptKeystore } from "./keystore.ts";

// The test vector of the Web3 Secret Storage definition (scrypt), password "testpassword".
const VECTOR = {
  crypto: {
    cipher: "aes-128-ctr",
    cipherparams: { iv: "83dbcc02d8ccb40e466191a123791e0e" },
    ciphertext: "d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c",
    kdf: "scrypt",
    kdfparams: {
      dklen: 32,
      n: 262144,
      p: 8,
      r: 1,
      salt: "ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19",
    },
    mac: "2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097",
  },
  id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
  version: 3,
};

describe("keystore", () => {
  it("decrypts the Web3 Secret Storage test vector", () => {
    assert.equal(
      decryptKeystore(VECTOR, "testpassword"),
      "0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d",
    );
  });

  it("round-trips a key and refuses a wrong password", () => {
    const key = generatePrivateKey();
    const store = encryptKeystore(key, "正确的密码", { n: 1024 });
    assert.equal(decryptKeystore(store, "正确的密码"), key);
    assert.throws(
      () => decryptKeystore(store, "wrong"),
      (error: unknown) => {
        assert.ok(error instanceof KeyError);
        assert.match(error.messages.zh, /密码错误/);
        return true;
      },
    );
  });

  it("refuses a file that is not a keystore", () => {
    assert.throws(() => decryptKeystore({ hello: 1 }, "x"), KeyError);
    assert.throws(() => decryptKeystore(null, "x"), KeyError);
  });
});
