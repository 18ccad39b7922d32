import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex, hashDomain, keccak256, toHex, type Hex } from "viem";

import { cancelConsentSignatures } from "./cancelConsentSignatures.ts";
import { consentIdOf, getConsent } from "./getConsent.ts";
import { grantConsent } from "./grantConsent.ts";
import { grantConsentBySig } from "./grantConsentBySig.ts";
import { grantConsents } from "./grantConsents.ts";
import { isConsentGranted } from "./isConsentGranted.ts";
import { revokeConsent } from "./revokeConsent.ts";
import { revokeConsents } from "./revokeConsents.ts";
import { signConsent } from "./signConsent.ts";
import { CONSENT_TYPE, CONSENT_TYPES, consentDomain } from "./internal/typedData.ts";
import { registerDepartment } from "../departments/registerDepartment.ts";
import { InvalidParameterError } from "../../errors/parameter.ts";
import { readContract } from "../../chain/read.ts";
import { Level } from "../../chain/enums.ts";
import { ContractRevertError } from "../../errors/contract.ts";
import { admin, newAccount, newAccounts, uniqueCode } from "@onewindow/testkit/test-chain";

const encryptionKey = bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true));

async function rejectsWith(promise: Promise<unknown>, errorName: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ContractRevertError, String(error));
    assert.equal(error.errorName, errorName);
    return true;
  });
}

/** Chain time now (the chain's clock decides deadlines and expiries). */
async function chainNow(): Promise<number> {
  const block = await admin.public.getBlock();
  return Number(block.timestamp);
}

let departmentId: number;
const randomId = (): Hex => keccak256(toHex(Math.random().toString()));

before(async () => {
  const officer = await newAccount();
  ({ departmentId } = await registerDepartment(admin, {
    code: uniqueCode("POWER"),
    name: "国网北京海淀供电公司",
    level: Level.District,
    encryptionKey,
    officers: [officer.address],
    threshold: 1,
  }));
});

describe("consent typed data", () => {
  it("matches the registry's typehash and domain separator", async () => {
    const [typehash, separator] = await Promise.all([
      readContract(admin, { contract: "ConsentRegistry", functionName: "consentTypehash", args: [] }),
      readContract(admin, { contract: "ConsentRegistry", functionName: "domainSeparator", args: [] }),
    ]);
    assert.equal(typehash, keccak256(toHex(CONSENT_TYPE)));
    const fromTypes = `Consent(${CONSENT_TYPES.Consent.map((f) => `${f.type} ${f.name}`).join(",")})`;
    assert.equal(fromTypes, CONSENT_TYPE);
    assert.equal(
      separator,
      hashDomain({
        domain: { ...consentDomain(admin), chainId: BigInt(admin.chain.id) },
        types: {
          EIP712Domain: [
            { name: "name", type: "string" },
            { name: "version", type: "string" },
            { name: "chainId", type: "uint256" },
            { name: "verifyingContract", type: "address" },
          ],
        },
      }),
    );
  });
});

describe("grantConsent", () => {
  it("grants directly, is queryable, and is revoked by the holder", async () => {
    const holder = await newAccount();
    const licenceId = randomId();
    const purpose = randomId();
    const expiresAt = (await chainNow()) + 3600;
    const { consentId } = await grantConsent(holder.client, {
      departmentId,
      licenceId,
      fieldMask: 0b110n,
      purpose,
      expiresAt,
    });
    assert.equal(consentId, consentIdOf({ holder: holder.address, departmentId, licenceId, purpose }));
    const query = { holder: holder.address, departmentId, licenceId, purpose };
    assert.equal(await isConsentGranted(admin, { ...query, fieldMask: 0b10n }), true);
    assert.equal(await isConsentGranted(admin, { ...query, fieldMask: 0b1n }), false);
    const consent = await getConsent(admin, { consentId });
    assert.equal(consent?.fieldMask, 0b110n);
    assert.equal(consent?.expiresAt, expiresAt);

    await revokeConsent(holder.client, { departmentId, licenceId, purpose });
    assert.equal(await isConsentGranted(admin, { ...query, fieldMask: 0b10n }), false);
    assert.equal((await getConsent(admin, query))?.revoked, true);
  });

  it("refuses an empty field mask and a bad licence id before sending", async () => {
    const holder = await newAccount();
    const base = { departmentId, licenceId: randomId(), fieldMask: 1n, purpose: randomId(), expiresAt: 2_000_000_000 };
    await assert.rejects(grantConsent(holder.client, { ...base, fieldMask: 0n }), (error: unknown) => {
      assert.ok(error instanceof InvalidParameterError);
      assert.equal(error.parameter, "fieldMask");
      return true;
    });
    await assert.rejects(grantConsent(holder.client, { ...base, licenceId: "0xabc" }), InvalidParameterError);
    assert.equal(await holder.client.public.getTransactionCount({ address: holder.address }), 0);
  });

  it("refuses to revoke a consent the caller does not hold", async () => {
    const [holder, stranger] = await newAccounts(2);
    const data = { departmentId, licenceId: randomId(), purpose: randomId() };
    await grantConsent(holder!.client, { ...data, fieldMask: 1n, expiresAt: (await chainNow()) + 3600 });
    await rejectsWith(revokeConsent(stranger!.client, data), "ConsentRegistryUnknownConsent");
  });
});

describe("grantConsents", () => {
  it("grants several consents in one transaction, in the order given", async () => {
    const holder = await newAccount();
    const purpose = randomId();
    const expiresAt = (await chainNow()) + 3600;
    const first = { departmentId, licenceId: randomId(), fieldMask: 0b110n, purpose, expiresAt };
    const second = { departmentId, licenceId: randomId(), fieldMask: 0b1000n, purpose, expiresAt };
    const { consentIds } = await grantConsents(holder.client, { consents: [first, second] });
    assert.deepEqual(
      consentIds,
      [first, second].map((c) =>
        consentIdOf({ holder: holder.address, departmentId, licenceId: c.licenceId, purpose }),
      ),
    );
    assert.equal(await holder.client.public.getTransactionCount({ address: holder.address }), 1);
    for (const c of [first, second]) {
      const query = { holder: holder.address, departmentId, licenceId: c.licenceId, purpose };
      assert.equal(await isConsentGranted(admin, { ...query, fieldMask: c.fieldMask }), true);
    }
  });

  it("grants none when the chain refuses one of them", async () => {
    const holder = await newAccount();
    const purpose = randomId();
    const now = await chainNow();
    const good = { departmentId, licenceId: randomId(), fieldMask: 1n, purpose, expiresAt: now + 3600 };
    const expired = { departmentId, licenceId: randomId(), fieldMask: 1n, purpose, expiresAt: now - 10 };
    await rejectsWith(grantConsents(holder.client, { consents: [good, expired] }), "ConsentRegistryInvalidExpiry");
    const query = { holder: holder.address, departmentId, licenceId: good.licenceId, purpose };
    assert.equal(await isConsentGranted(admin, { ...query, fieldMask: 1n }), false);
  });

  it("refuses an empty list, a bad item and a repeat before sending", async () => {
    const holder = await newAccount();
    const base = { departmentId, licenceId: randomId(), fieldMask: 1n, purpose: randomId(), expiresAt: 2_000_000_000 };
    const refused = async (consents: unknown, parameter: string) =>
      assert.rejects(grantConsents(holder.client, { consents: consents as never }), (error: unknown) => {
        assert.ok(error instanceof InvalidParameterError, String(error));
        assert.equal(error.parameter, parameter);
        return true;
      });
    await refused([], "consents");
    await refused(undefined, "consents");
    await refused([base, { ...base, licenceId: randomId(), fieldMask: 0n }], "consents[1].fieldMask");
    await refused([base, { ...base, fieldMask: 2n }], "consents[1]");
    await refused(
      Array.from({ length: 65 }, () => ({ ...base, licenceId: randomId() })),
      "consents",
    );
    assert.equal(await holder.client.public.getTransactionCount({ address: holder.address }), 0);
  });
});

describe("revokeConsents", () => {
  it("revokes several consents in one transaction (one signature)", async () => {
    const holder = await newAccount();
    const purpose = randomId();
    const expiresAt = (await chainNow()) + 3600;
    const consents = [randomId(), randomId(), randomId()].map((licenceId) => ({
      departmentId,
      licenceId,
      fieldMask: 1n,
      purpose,
      expiresAt,
    }));
    await grantConsents(holder.client, { consents });
    const before = await holder.client.public.getTransactionCount({ address: holder.address });
    const revoked = consents.slice(0, 2).map(({ licenceId }) => ({ departmentId, licenceId, purpose }));
    const { consentIds } = await revokeConsents(holder.client, { consents: revoked });
    assert.equal(await holder.client.public.getTransactionCount({ address: holder.address }), before + 1);
    assert.deepEqual(
      consentIds,
      revoked.map((c) => consentIdOf({ holder: holder.address, ...c })),
    );
    const granted = await Promise.all(consents.map((c) => isConsentGranted(admin, { holder: holder.address, ...c })));
    assert.deepEqual(granted, [false, false, true], "the third is untouched");
  });

  it("revokes none when one is not the signer's (someone else cannot revoke a holder's consent)", async () => {
    const [holder, stranger] = await newAccounts(2);
    const purpose = randomId();
    const consent = {
      departmentId,
      licenceId: randomId(),
      fieldMask: 1n,
      purpose,
      expiresAt: (await chainNow()) + 3600,
    };
    await grantConsents(holder!.client, { consents: [consent] });
    const mine = { departmentId, licenceId: randomId(), fieldMask: 1n, purpose, expiresAt: consent.expiresAt };
    await grantConsents(stranger!.client, { consents: [mine] });
    await rejectsWith(
      revokeConsents(stranger!.client, {
        consents: [mine, consent].map(({ licenceId }) => ({ departmentId, licenceId, purpose })),
      }),
      "ConsentRegistryUnknownConsent",
    );
    assert.equal(await isConsentGranted(admin, { holder: holder!.address, ...consent }), true);
    assert.equal(await isConsentGranted(admin, { holder: stranger!.address, ...mine }), true, "all or none");
  });

  it("refuses an empty list, a bad item and a repeat before sending", async () => {
    const holder = await newAccount();
    const base = { departmentId, licenceId: randomId(), purpose: randomId() };
    const refused = async (consents: unknown, parameter: string) =>
      assert.rejects(revokeConsents(holder.client, { consents: consents as never }), (error: unknown) => {
        assert.ok(error instanceof InvalidParameterError, String(error));
        assert.equal(error.parameter, parameter);
        return true;
      });
    await refused([], "consents");
    await refused(undefined, "consents");
    await refused([base, { ...base, licenceId: "0x12" }], "consents[1].licenceId");
    await refused([base, { ...base, departmentId: 0 }], "consents[1].departmentId");
    await refused([base, { ...base }], "consents[1]");
    assert.equal(await holder.client.public.getTransactionCount({ address: holder.address }), 0);
  });
});

describe("signConsent and grantConsentBySig", () => {
  it("anyone submits a signed consent; the same signature cannot be replayed", async () => {
    const [holder, relayer] = await newAccounts(2);
    const now = await chainNow();
    const data = { departmentId, licenceId: randomId(), fieldMask: 0b11n, purpose: randomId(), expiresAt: now + 3600 };
    const signed = await signConsent(holder!.client, { ...data, deadline: now + 600 });
    assert.equal(signed.nonce, 0n);
    const { consentId } = await grantConsentBySig(relayer!.client, { signed });
    assert.equal(consentId, consentIdOf({ holder: holder!.address, ...data }));
    assert.equal(await isConsentGranted(admin, { holder: holder!.address, ...data }), true);
    await rejectsWith(grantConsentBySig(relayer!.client, { signed }), "ConsentRegistryInvalidSignature");
  });

  it("refuses an expired deadline", async () => {
    const [holder, relayer] = await newAccounts(2);
    const now = await chainNow();
    const signed = await signConsent(holder!.client, {
      departmentId,
      licenceId: randomId(),
      fieldMask: 1n,
      purpose: randomId(),
      expiresAt: now + 3600,
      deadline: now - 60,
    });
    await rejectsWith(grantConsentBySig(relayer!.client, { signed }), "ConsentRegistryExpiredSignature");
  });

  it("refuses a signature by someone other than the holder", async () => {
    const [holder, impostor, relayer] = await newAccounts(3);
    const now = await chainNow();
    const signed = await signConsent(impostor!.client, {
      departmentId,
      licenceId: randomId(),
      fieldMask: 1n,
      purpose: randomId(),
      expiresAt: now + 3600,
      deadline: now + 600,
    });
    await rejectsWith(
      grantConsentBySig(relayer!.client, { signed: { ...signed, holder: holder!.address } }),
      "ConsentRegistryInvalidSignature",
    );
  });

  it("a cancelled signature can no longer be submitted", async () => {
    const [holder, relayer] = await newAccounts(2);
    const now = await chainNow();
    const signed = await signConsent(holder!.client, {
      departmentId,
      licenceId: randomId(),
      fieldMask: 1n,
      purpose: randomId(),
      expiresAt: now + 3600,
      deadline: now + 600,
    });
    const { usedNonce } = await cancelConsentSignatures(holder!.client);
    assert.equal(usedNonce, 0n);
    await rejectsWith(grantConsentBySig(relayer!.client, { signed }), "ConsentRegistryInvalidSignature");
  });

  it("refuses a bad holder address before sending", async () => {
    const relayer = await newAccount();
    const holder = await newAccount();
    const now = await chainNow();
    const signed = await signConsent(holder.client, {
      departmentId,
      licenceId: randomId(),
      fieldMask: 1n,
      purpose: randomId(),
      expiresAt: now + 3600,
      deadline: now + 600,
    });
    await assert.rejects(
      grantConsentBySig(relayer.client, { signed: { ...signed, holder: "0x1234" } }),
      (error: unknown) => error instanceof InvalidParameterError && error.parameter === "signed.holder",
    );
  });
});
