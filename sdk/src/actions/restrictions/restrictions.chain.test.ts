import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex } from "viem";

import { registerDepartment } from "../departments/registerDepartment.ts";
import { InvalidParameterError } from "../../errors/parameter.ts";
import { getRestriction } from "./getRestriction.ts";
import { isRestricted } from "./isRestricted.ts";
import { listSubject } from "./listSubject.ts";
import { setLister } from "./setLister.ts";
import { unlistByRegistrar } from "./unlistByRegistrar.ts";
import { unlistSubject } from "./unlistSubject.ts";
import type { OneWindowClient } from "../../chain/client.ts";
import { Level } from "../../chain/enums.ts";
import { ContractRevertError } from "../../errors/contract.ts";
import { RestrictionSubjectError } from "../../errors/licence.ts";
import { restrictionSubject } from "../../licence/subject.ts";
import { admin, newAccounts, uniqueCode } from "@onewindow/testkit/test-chain";

const encryptionKey = bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true));
const LIST = "COURT_DISHONEST_EXECUTOR";

async function rejectsWith(promise: Promise<unknown>, errorName: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ContractRevertError, String(error));
    assert.equal(error.errorName, errorName);
    return true;
  });
}

/** A fresh person's subject (random id number). */
function person() {
  return { listCode: LIST, idType: "RESIDENT_ID", idNumber: `110101${Date.now()}${Math.floor(Math.random() * 1e4)}` };
}

let court: OneWindowClient;
let courtId: number;
let stranger: OneWindowClient;

before(async () => {
  const [officer, other] = await newAccounts(2);
  court = officer!.client;
  stranger = other!.client;
  ({ departmentId: courtId } = await registerDepartment(admin, {
    code: uniqueCode("COURT"),
    name: "海淀区人民法院",
    level: Level.District,
    encryptionKey,
    officers: [officer!.address],
    threshold: 1,
  }));
  await setLister(admin, { departmentId: courtId, allowed: true });
});

describe("restriction list", () => {
  it("a court officer lists and unlists a subject hashed from its id", async () => {
    const subject = person();
    const listed = await listSubject(court, { subject, reason: 7 });
    assert.equal(listed.subject, restrictionSubject(subject.listCode, subject.idType, subject.idNumber));
    assert.equal(await isRestricted(stranger, { subject }), true);
    const entry = await getRestriction(stranger, { subject: listed.subject });
    assert.deepEqual([entry?.listedBy, entry?.reason, entry?.listed, entry?.expiresAt], [courtId, 7, true, 0]);
    await unlistSubject(court, { subject });
    assert.equal(await isRestricted(stranger, { subject }), false);
    assert.equal((await getRestriction(stranger, { subject }))?.listed, false);
    assert.equal(await getRestriction(stranger, { subject: person() }), undefined);
  });

  it("the registrar unlists whatever department listed", async () => {
    const subject = person();
    await listSubject(court, { subject, reason: 1 });
    await unlistByRegistrar(admin, { subject });
    assert.equal(await isRestricted(stranger, { subject }), false);
  });

  it("refuses unauthorised callers", async () => {
    const subject = person();
    await listSubject(court, { subject, reason: 1 });
    await Promise.all([
      rejectsWith(setLister(stranger, { departmentId: courtId, allowed: false }), "AccessManagedUnauthorized"),
      rejectsWith(listSubject(stranger, { subject: person(), reason: 1 }), "NotDepartmentOfficer"),
      rejectsWith(unlistSubject(stranger, { subject }), "NotDepartmentOfficer"),
      rejectsWith(unlistByRegistrar(stranger, { subject }), "AccessManagedUnauthorized"),
    ]);
  });

  it("refuses bad subjects before sending", async () => {
    await assert.rejects(
      listSubject(court, { subject: { ...person(), idNumber: "  " }, reason: 1 }),
      RestrictionSubjectError,
    );
    await assert.rejects(listSubject(court, { subject: `0x${"00".repeat(32)}`, reason: 1 }), InvalidParameterError);
    await assert.rejects(setLister(admin, { departmentId: 0, allowed: true }), InvalidParameterError);
  });
});
