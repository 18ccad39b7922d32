import { expect } from "chai";
import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import {
  attachBatch,
  buildBatch,
  buildLicence,
  discloseFields,
  fieldLeafHash,
  fieldMaskOf,
  heldLicence,
  LicenceProblem,
  type LicenceFile,
} from "@onewindow/sdk";
import type { Hex } from "viem";

import {
  BUSINESS_LICENCE_FIELDS,
  ethers,
  loadFixture,
  platformWithDepartments,
  time,
  type Signer,
} from "./helpers/fixture.ts";

const Status = { Unknown: 0n, Valid: 1n, Suspended: 2n, Revoked: 3n, Expired: 4n } as const;
const State = { None: 0n, Issued: 1n, Suspended: 2n, Revoked: 3n } as const;
const NO_BATCH = ethers.ZeroHash;
const purpose = ethers.id("application:HD-2026-000123");

const sampleFields = {
  unifiedSocialCreditCode: "91110108MA01ABCD2X",
  name: "北京海淀画廊有限公司",
  legalRepresentative: "张三",
  registeredAddress: "北京市海淀区中关村大街27号",
  businessScope: "艺术品展览；画廊服务",
};

/** A business licence for `holder` built with the SDK (fresh salts every call). */
function businessLicence(holder: Signer, fields: Partial<typeof sampleFields> = {}, issuerDepartment = 1) {
  return buildLicence({
    typeId: 1,
    typeVersion: 1,
    fieldNames: BUSINESS_LICENCE_FIELDS,
    fields: { ...sampleFields, ...fields },
    holder: holder.address as `0x${string}`,
    issuerDepartment,
  });
}

/** The `verify` request for a disclosure of `names` of `file`. */
function verifyRequest(file: LicenceFile, names: string[]) {
  const d = discloseFields(file, names);
  return {
    licenceId: d.licenceId,
    batchRoot: d.batch?.root ?? NO_BATCH,
    batchProof: d.batch?.proof ?? [],
    leaves: d.leaves,
    fieldProof: d.proof,
    fieldProofFlags: d.proofFlags,
  };
}

async function issuedLicence() {
  const p = await loadFixture(platformWithDepartments);
  const { licenceId, file } = businessLicence(p.holder);
  await p.licences.connect(p.samr1).issue(licenceId, 1, 1, 0);
  return { ...p, licenceId, file };
}

async function issuedBatch() {
  const p = await loadFixture(platformWithDepartments);
  const built = [p.holder, p.other, p.outsider, p.samr2].map((h, i) => businessLicence(h, { name: `公司${i}` }));
  const batch = buildBatch(built.map((b) => b.licenceId));
  const expiresAt = (await time.latest()) + 365 * 86_400;
  await p.licences.connect(p.samr1).issueBatch(batch.root, 1, 1, expiresAt, batch.count);
  const files = built.map((b) => attachBatch(b.file, batch.root, batch.proofOf(b.licenceId)));
  return { ...p, batch, files, ids: built.map((b) => b.licenceId), expiresAt };
}

describe("LicenceRegistry", () => {
  describe("issue", () => {
    it("records the licence and emits LicenceIssued with the whole record", async () => {
      const p = await loadFixture(platformWithDepartments);
      const { licenceId } = businessLicence(p.holder);
      const expiresAt = (await time.latest()) + 1000;
      await expect(p.licences.connect(p.samr2).issue(licenceId, 1, 1, expiresAt))
        .to.emit(p.licences, "LicenceIssued")
        .withArgs(licenceId, 1, 1, 1, anyValue, expiresAt, p.samr2.address);
      const record = await p.licences.getLicence(licenceId);
      expect(record.typeId).to.equal(1n);
      expect(record.typeVersion).to.equal(1n);
      expect(record.issuerDepartment).to.equal(1n);
      expect(record.issuedAt).to.equal(BigInt(await time.latest()));
      expect(record.expiresAt).to.equal(BigInt(expiresAt));
      expect(record.state).to.equal(State.Issued);
      expect(record.isBatch).to.equal(false);
      expect(await p.licences.statusOf(licenceId, NO_BATCH, [])).to.equal(Status.Valid);
    });

    it("reverts when the caller is not an officer of an active department", async () => {
      const p = await loadFixture(platformWithDepartments);
      const { licenceId } = businessLicence(p.holder);
      await expect(p.licences.connect(p.outsider).issue(licenceId, 1, 1, 0))
        .to.be.revertedWithCustomError(p.licences, "NotDepartmentOfficer")
        .withArgs(p.outsider.address, 0);
      await p.departments.setDepartmentActive(1, false);
      await expect(p.licences.connect(p.samr1).issue(licenceId, 1, 1, 0))
        .to.be.revertedWithCustomError(p.licences, "NotDepartmentOfficer")
        .withArgs(p.samr1.address, 0);
      expect((await p.licences.getLicence(licenceId)).state).to.equal(State.None);
    });

    it("reverts when the id is zero, already issued, or the expiry is not in the future", async () => {
      const { licences, samr1, licenceId } = await issuedLicence();
      await expect(licences.connect(samr1).issue(ethers.ZeroHash, 1, 1, 0)).to.be.revertedWithCustomError(
        licences,
        "LicenceRegistryZeroId",
      );
      await expect(licences.connect(samr1).issue(licenceId, 1, 1, 0))
        .to.be.revertedWithCustomError(licences, "LicenceRegistryAlreadyIssued")
        .withArgs(licenceId);
      const now = await time.latest();
      await expect(licences.connect(samr1).issue(ethers.id("x"), 1, 1, now))
        .to.be.revertedWithCustomError(licences, "LicenceRegistryInvalidExpiry")
        .withArgs(now);
    });

    it("issueFor reverts for a caller without the ENGINE role and works for one with it", async () => {
      const p = await loadFixture(platformWithDepartments);
      const { licenceId } = businessLicence(p.holder);
      await expect(p.licences.connect(p.outsider).issueFor(1, licenceId, 1, 1, 0))
        .to.be.revertedWithCustomError(p.licences, "AccessManagedUnauthorized")
        .withArgs(p.outsider.address);
      await p.accessManager.grantRole(5, p.other.address, 0);
      await expect(p.licences.connect(p.other).issueFor(1, licenceId, 1, 1, 0))
        .to.emit(p.licences, "LicenceIssued")
        .withArgs(licenceId, 1, 1, 1, anyValue, 0, p.other.address);
    });
  });

  describe("batches", () => {
    it("issues one root for many licences; each member is valid with its proof", async () => {
      const { licences, batch, ids, samr1, expiresAt } = await issuedBatch();
      const record = await licences.getLicence(batch.root);
      expect(record.isBatch).to.equal(true);
      expect(record.expiresAt).to.equal(BigInt(expiresAt));
      for (const id of ids) {
        expect(await licences.statusOf(id, batch.root, batch.proofOf(id))).to.equal(Status.Valid);
      }
      void samr1;
    });

    it("emits BatchIssued and reverts on an empty batch", async () => {
      const p = await loadFixture(platformWithDepartments);
      const root = ethers.id("root");
      await expect(p.licences.connect(p.samr1).issueBatch(root, 1, 1, 0, 3))
        .to.emit(p.licences, "BatchIssued")
        .withArgs(root, 1, 1, 1, anyValue, 0, 3, p.samr1.address);
      await expect(p.licences.connect(p.samr1).issueBatch(ethers.id("r2"), 1, 1, 0, 0)).to.be.revertedWithCustomError(
        p.licences,
        "LicenceRegistryEmptyBatch",
      );
      await expect(p.licences.connect(p.outsider).issueBatch(ethers.id("r3"), 1, 1, 0, 1))
        .to.be.revertedWithCustomError(p.licences, "NotDepartmentOfficer")
        .withArgs(p.outsider.address, 0);
    });

    it("reports a non-member, or a member with another's proof, as Unknown", async () => {
      const { licences, batch, ids } = await issuedBatch();
      const stranger = ethers.id("not in the batch");
      expect(await licences.statusOf(stranger, batch.root, batch.proofOf(ids[0]!))).to.equal(Status.Unknown);
      expect(await licences.statusOf(ids[1]!, batch.root, batch.proofOf(ids[0]!))).to.equal(Status.Unknown);
      expect(await licences.statusOf(ids[1]!, NO_BATCH, [])).to.equal(Status.Unknown);
    });

    it("revokes one member by proof; its siblings stay valid", async () => {
      const { licences, batch, ids, samr2 } = await issuedBatch();
      const [target, sibling] = ids as [Hex, Hex];
      await expect(licences.connect(samr2).revoke(target, batch.root, batch.proofOf(target), 7))
        .to.emit(licences, "LicenceRevoked")
        .withArgs(target, batch.root, 1, 7, anyValue, samr2.address);
      expect(await licences.statusOf(target, batch.root, batch.proofOf(target))).to.equal(Status.Revoked);
      expect(await licences.statusOf(sibling, batch.root, batch.proofOf(sibling))).to.equal(Status.Valid);
      const own = await licences.getLicence(target);
      const ofBatch = await licences.getLicence(batch.root);
      expect(own.isBatch).to.equal(false);
      expect(own.isBatchMember).to.equal(true);
      expect(own.state).to.equal(State.Revoked);
      expect([own.typeId, own.typeVersion, own.issuerDepartment, own.issuedAt, own.expiresAt]).to.deep.equal([
        ofBatch.typeId,
        ofBatch.typeVersion,
        ofBatch.issuerDepartment,
        ofBatch.issuedAt,
        ofBatch.expiresAt,
      ]);
    });

    it("reverts a member change with a bad proof or a root that is not a batch", async () => {
      const { licences, batch, ids, samr1 } = await issuedBatch();
      const [target, sibling] = ids as [Hex, Hex];
      await expect(licences.connect(samr1).revoke(target, batch.root, batch.proofOf(sibling), 1))
        .to.be.revertedWithCustomError(licences, "LicenceRegistryNotInBatch")
        .withArgs(batch.root, target);
      const single = ethers.id("single");
      await licences.connect(samr1).issue(single, 1, 1, 0);
      await expect(licences.connect(samr1).suspend(target, single, [], 1))
        .to.be.revertedWithCustomError(licences, "LicenceRegistryNotInBatch")
        .withArgs(single, target);
    });

    it("revoking the batch root revokes every member", async () => {
      const { licences, batch, ids, samr1 } = await issuedBatch();
      await expect(licences.connect(samr1).revoke(batch.root, NO_BATCH, [], 9))
        .to.emit(licences, "LicenceRevoked")
        .withArgs(batch.root, NO_BATCH, 1, 9, anyValue, samr1.address);
      for (const id of ids) {
        expect(await licences.statusOf(id, batch.root, batch.proofOf(id))).to.equal(Status.Revoked);
      }
    });

    it("a suspended batch suspends its members, and a member resumed alone stays suspended with it", async () => {
      const { licences, batch, ids, samr1 } = await issuedBatch();
      const [target] = ids as [Hex];
      const proof = batch.proofOf(target);
      await licences.connect(samr1).suspend(target, batch.root, proof, 1);
      await licences.connect(samr1).suspend(batch.root, NO_BATCH, [], 2);
      await licences.connect(samr1).resume(target, batch.root, proof);
      expect(await licences.statusOf(target, batch.root, proof)).to.equal(Status.Suspended);
      await licences.connect(samr1).resume(batch.root, NO_BATCH, []);
      expect(await licences.statusOf(target, batch.root, proof)).to.equal(Status.Valid);
    });

    it("a member with its own record is never Valid without its batch root", async () => {
      const { licences, batch, ids, samr1 } = await issuedBatch();
      const [resumed, revoked] = ids as [Hex, Hex];
      await licences.connect(samr1).suspend(resumed, batch.root, batch.proofOf(resumed), 1);
      await licences.connect(samr1).resume(resumed, batch.root, batch.proofOf(resumed));
      await licences.connect(samr1).revoke(revoked, batch.root, batch.proofOf(revoked), 1);
      expect(await licences.statusOf(resumed, NO_BATCH, [])).to.equal(Status.Unknown);
      expect(await licences.statusOf(revoked, NO_BATCH, [])).to.equal(Status.Revoked);
      await licences.connect(samr1).revoke(batch.root, NO_BATCH, [], 2);
      expect(await licences.statusOf(resumed, batch.root, batch.proofOf(resumed))).to.equal(Status.Revoked);
      expect(await licences.statusOf(resumed, NO_BATCH, [])).to.equal(Status.Unknown);
    });

    it("members expire with their batch", async () => {
      const { licences, batch, ids, expiresAt } = await issuedBatch();
      await time.increaseTo(expiresAt);
      expect(await licences.statusOf(ids[0]!, batch.root, batch.proofOf(ids[0]!))).to.equal(Status.Expired);
    });
  });

  describe("revoke, suspend, resume", () => {
    it("revokes a licence once", async () => {
      const { licences, samr1, licenceId } = await issuedLicence();
      await expect(licences.connect(samr1).revoke(licenceId, NO_BATCH, [], 3))
        .to.emit(licences, "LicenceRevoked")
        .withArgs(licenceId, NO_BATCH, 1, 3, anyValue, samr1.address);
      expect(await licences.statusOf(licenceId, NO_BATCH, [])).to.equal(Status.Revoked);
      await expect(licences.connect(samr1).revoke(licenceId, NO_BATCH, [], 3))
        .to.be.revertedWithCustomError(licences, "LicenceRegistryInvalidState")
        .withArgs(licenceId, State.Revoked);
      await expect(licences.connect(samr1).resume(licenceId, NO_BATCH, []))
        .to.be.revertedWithCustomError(licences, "LicenceRegistryInvalidState")
        .withArgs(licenceId, State.Revoked);
    });

    it("suspends and resumes", async () => {
      const { licences, samr1, samr3, licenceId } = await issuedLicence();
      await expect(licences.connect(samr1).resume(licenceId, NO_BATCH, []))
        .to.be.revertedWithCustomError(licences, "LicenceRegistryInvalidState")
        .withArgs(licenceId, State.Issued);
      await expect(licences.connect(samr1).suspend(licenceId, NO_BATCH, [], 4))
        .to.emit(licences, "LicenceSuspended")
        .withArgs(licenceId, NO_BATCH, 1, 4, anyValue, samr1.address);
      expect(await licences.statusOf(licenceId, NO_BATCH, [])).to.equal(Status.Suspended);
      await expect(licences.connect(samr1).suspend(licenceId, NO_BATCH, [], 4))
        .to.be.revertedWithCustomError(licences, "LicenceRegistryInvalidState")
        .withArgs(licenceId, State.Suspended);
      await expect(licences.connect(samr3).resume(licenceId, NO_BATCH, []))
        .to.emit(licences, "LicenceResumed")
        .withArgs(licenceId, NO_BATCH, 1, anyValue, samr3.address);
      expect(await licences.statusOf(licenceId, NO_BATCH, [])).to.equal(Status.Valid);
      // a suspended licence can still be revoked
      await licences.connect(samr1).suspend(licenceId, NO_BATCH, [], 4);
      await licences.connect(samr1).revoke(licenceId, NO_BATCH, [], 5);
      expect(await licences.statusOf(licenceId, NO_BATCH, [])).to.equal(Status.Revoked);
    });

    it("reverts when another department, a non-officer, or an unknown licence is named", async () => {
      const { licences, housing1, outsider, samr1, licenceId } = await issuedLicence();
      for (const change of ["revoke", "suspend"] as const) {
        await expect(licences.connect(housing1)[change](licenceId, NO_BATCH, [], 1))
          .to.be.revertedWithCustomError(licences, "LicenceRegistryNotIssuer")
          .withArgs(licenceId, 1, 2);
        await expect(licences.connect(outsider)[change](licenceId, NO_BATCH, [], 1))
          .to.be.revertedWithCustomError(licences, "NotDepartmentOfficer")
          .withArgs(outsider.address, 0);
      }
      await expect(licences.connect(housing1).resume(licenceId, NO_BATCH, []))
        .to.be.revertedWithCustomError(licences, "LicenceRegistryNotIssuer")
        .withArgs(licenceId, 1, 2);
      await expect(licences.connect(outsider).resume(licenceId, NO_BATCH, []))
        .to.be.revertedWithCustomError(licences, "NotDepartmentOfficer")
        .withArgs(outsider.address, 0);
      const unknown = ethers.id("unknown");
      await expect(licences.connect(samr1).revoke(unknown, NO_BATCH, [], 1))
        .to.be.revertedWithCustomError(licences, "LicenceRegistryUnknownLicence")
        .withArgs(unknown);
      expect(await licences.statusOf(licenceId, NO_BATCH, [])).to.equal(Status.Valid);
    });

    it("a licence expires at its expiry", async () => {
      const p = await loadFixture(platformWithDepartments);
      const { licenceId } = businessLicence(p.holder);
      const expiresAt = (await time.latest()) + 86_400;
      await p.licences.connect(p.samr1).issue(licenceId, 1, 1, expiresAt);
      await time.increaseTo(expiresAt - 1);
      expect(await p.licences.statusOf(licenceId, NO_BATCH, [])).to.equal(Status.Valid);
      await time.increaseTo(expiresAt);
      expect(await p.licences.statusOf(licenceId, NO_BATCH, [])).to.equal(Status.Expired);
    });
  });

  describe("replace", () => {
    it("revokes the old licence and issues the correction in one transaction", async () => {
      const { licences, samr1, holder, licenceId } = await issuedLicence();
      const corrected = businessLicence(holder, { registeredAddress: "北京市海淀区中关村大街28号" });
      const tx = licences.connect(samr1).replace(licenceId, NO_BATCH, [], corrected.licenceId, 1, 0, 11);
      await expect(tx)
        .to.emit(licences, "LicenceRevoked")
        .withArgs(licenceId, NO_BATCH, 1, 11, anyValue, samr1.address);
      await expect(tx)
        .to.emit(licences, "LicenceIssued")
        .withArgs(corrected.licenceId, 1, 1, 1, anyValue, 0, samr1.address);
      await expect(tx).to.emit(licences, "LicenceReplaced").withArgs(licenceId, corrected.licenceId, 1);
      expect(await licences.statusOf(licenceId, NO_BATCH, [])).to.equal(Status.Revoked);
      expect(await licences.statusOf(corrected.licenceId, NO_BATCH, [])).to.equal(Status.Valid);
      expect(await licences.replacedBy(licenceId)).to.equal(corrected.licenceId);
    });

    it("replaces a batch member but not a whole batch, and changes nothing when the new id exists", async () => {
      const { licences, batch, ids, samr1 } = await issuedBatch();
      const [target, sibling] = ids as [Hex, Hex];
      const fresh = ethers.id("corrected member");
      await licences.connect(samr1).replace(target, batch.root, batch.proofOf(target), fresh, 1, 0, 1);
      expect(await licences.statusOf(target, batch.root, batch.proofOf(target))).to.equal(Status.Revoked);
      expect(await licences.statusOf(fresh, NO_BATCH, [])).to.equal(Status.Valid);
      await expect(licences.connect(samr1).replace(batch.root, NO_BATCH, [], ethers.id("n"), 1, 0, 1))
        .to.be.revertedWithCustomError(licences, "LicenceRegistryInvalidState")
        .withArgs(batch.root, State.Issued);
      await expect(licences.connect(samr1).replace(sibling, batch.root, batch.proofOf(sibling), fresh, 1, 0, 1))
        .to.be.revertedWithCustomError(licences, "LicenceRegistryAlreadyIssued")
        .withArgs(fresh);
      expect(await licences.statusOf(sibling, batch.root, batch.proofOf(sibling))).to.equal(Status.Valid);
    });

    it("reverts for another department", async () => {
      const { licences, housing1, licenceId } = await issuedLicence();
      await expect(licences.connect(housing1).replace(licenceId, NO_BATCH, [], ethers.id("n"), 1, 0, 1))
        .to.be.revertedWithCustomError(licences, "LicenceRegistryNotIssuer")
        .withArgs(licenceId, 1, 2);
    });
  });

  describe("verify: the three-part verdict", () => {
    it("is integrity + Valid + issuer authorised for a good licence", async () => {
      const { licences, file } = await issuedLicence();
      const verdict = await licences.verify(verifyRequest(file, ["name", "registeredAddress"]));
      expect(verdict.integrity).to.equal(true);
      expect(verdict.status).to.equal(Status.Valid);
      expect(verdict.issuerAuthorised).to.equal(true);
      expect(verdict.record.issuerDepartment).to.equal(1n);
    });

    it("fails integrity when one field was tampered with", async () => {
      const { licences, file } = await issuedLicence();
      const request = verifyRequest(file, ["name", "registeredAddress"]);
      const field = file.fields.find((f) => f.name === "registeredAddress")!;
      const genuine = fieldLeafHash(1, field.name, field.value, field.salt);
      const forged = fieldLeafHash(1, field.name, "北京市朝阳区建国路1号", field.salt);
      const leaves = request.leaves.map((leaf) => (leaf === genuine ? forged : leaf));
      expect(leaves).to.not.deep.equal(request.leaves);
      const verdict = await licences.verify({ ...request, leaves });
      expect(verdict.integrity).to.equal(false);
      expect(verdict.status).to.equal(Status.Valid);
    });

    it("reports the status of a revoked licence", async () => {
      const { licences, samr1, file, licenceId } = await issuedLicence();
      await licences.connect(samr1).revoke(licenceId, NO_BATCH, [], 1);
      const verdict = await licences.verify(verifyRequest(file, ["holder"]));
      expect(verdict.integrity).to.equal(true);
      expect(verdict.status).to.equal(Status.Revoked);
    });

    it("denies the issuer part to a department not authorised for the type", async () => {
      const p = await loadFixture(platformWithDepartments);
      const { licenceId, file } = businessLicence(p.holder, {}, 2);
      await p.licences.connect(p.housing1).issue(licenceId, 1, 1, 0);
      const verdict = await p.licences.verify(verifyRequest(file, ["name"]));
      expect(verdict.integrity).to.equal(true);
      expect(verdict.status).to.equal(Status.Valid);
      expect(verdict.issuerAuthorised).to.equal(false);
    });

    it("verifies a batch member through its batch", async () => {
      const { licences, files } = await issuedBatch();
      const verdict = await licences.verify(verifyRequest(files[2]!, ["holder", "name"]));
      expect([verdict.integrity, verdict.status, verdict.issuerAuthorised]).to.deep.equal([true, Status.Valid, true]);
    });

    it("gives all false for an unknown licence, and rejects malformed multiproofs", async () => {
      const p = await loadFixture(platformWithDepartments);
      const { file } = businessLicence(p.holder);
      const request = verifyRequest(file, ["name"]);
      const verdict = await p.licences.verify(request);
      expect([verdict.integrity, verdict.status, verdict.issuerAuthorised]).to.deep.equal([
        true,
        Status.Unknown,
        false,
      ]);
      expect(await p.licences.verifyFields(request.licenceId, [], [], [])).to.equal(false);
      expect(await p.licences.verifyFields(request.licenceId, request.leaves, request.fieldProof, [true])).to.equal(
        false,
      );
    });
  });

  describe("checkHeldLicences: licences presented by their holder", () => {
    it("accepts the holder's valid licences, single and batched, and names each problem", async () => {
      const { licences, holder, other, files, batch, ids, samr1 } = await issuedBatch();
      const single = businessLicence(holder);
      await licences.connect(samr1).issue(single.licenceId, 1, 1, 0);
      const [ok, okSingle] = [heldLicence(files[0]!), heldLicence(single.file)];
      let result = await licences.checkHeldLicences(holder.address, [ok, okSingle]);
      expect(result.typeIds).to.deep.equal([1n, 1n]);
      expect(result.problems).to.deep.equal([BigInt(LicenceProblem.None), BigInt(LicenceProblem.None)]);
      // someone else presenting them: holder problem
      result = await licences.checkHeldLicences(other.address, [okSingle]);
      expect(result.problems).to.deep.equal([BigInt(LicenceProblem.NotHolder)]);
      // revoked member: status problem
      await licences.connect(samr1).revoke(ids[0]!, batch.root, batch.proofOf(ids[0]!), 1);
      result = await licences.checkHeldLicences(holder.address, [ok]);
      expect(result.problems).to.deep.equal([BigInt(LicenceProblem.NotValid)]);
      // wrong holder salt
      result = await licences.checkHeldLicences(holder.address, [{ ...okSingle, holderSalt: ethers.ZeroHash }]);
      expect(result.problems).to.deep.equal([BigInt(LicenceProblem.NotHolder)]);
    });

    it("reports an issuer not authorised for the type", async () => {
      const p = await loadFixture(platformWithDepartments);
      const { licenceId, file } = businessLicence(p.holder, {}, 2);
      await p.licences.connect(p.housing1).issue(licenceId, 1, 1, 0);
      const result = await p.licences.checkHeldLicences(p.holder.address, [heldLicence(file)]);
      expect(result.problems).to.deep.equal([BigInt(LicenceProblem.IssuerNotAuthorised)]);
    });
  });

  describe("recordVerification", () => {
    it("emits the evidence of a check by the caller's department", async () => {
      const { licences, housing1, licenceId } = await issuedLicence();
      const mask = fieldMaskOf(BUSINESS_LICENCE_FIELDS, ["name", "registeredAddress"]);
      await expect(licences.connect(housing1).recordVerification(licenceId, purpose, mask, 7))
        .to.emit(licences, "LicenceVerified")
        .withArgs(licenceId, 2, purpose, mask, 7, anyValue, housing1.address);
    });

    it("reverts for a non-officer and for a zero licence id", async () => {
      const { licences, outsider, housing1, licenceId } = await issuedLicence();
      await expect(licences.connect(outsider).recordVerification(licenceId, purpose, 1, 7))
        .to.be.revertedWithCustomError(licences, "NotDepartmentOfficer")
        .withArgs(outsider.address, 0);
      await expect(
        licences.connect(housing1).recordVerification(ethers.ZeroHash, purpose, 1, 7),
      ).to.be.revertedWithCustomError(licences, "LicenceRegistryZeroId");
    });
  });

  describe("officer copy", () => {
    it("follows the department registry and refuses anyone else", async () => {
      const p = await loadFixture(platformWithDepartments);
      expect(await p.licences.issuerDepartmentOf(p.samr1.address)).to.equal(1n);
      await expect(p.licences.connect(p.outsider).officerChanged(p.outsider.address, 1))
        .to.be.revertedWithCustomError(p.licences, "LicenceRegistryUnauthorizedSync")
        .withArgs(p.outsider.address);
      await p.departments.setOfficers(1, [p.samr2.address], 1);
      expect(await p.licences.issuerDepartmentOf(p.samr1.address)).to.equal(0n);
      expect(await p.licences.issuerDepartmentOf(p.samr2.address)).to.equal(1n);
      const [departmentRegistry, licenceTypeRegistry] = await p.licences.registries();
      expect(departmentRegistry).to.equal(await p.departments.getAddress());
      expect(licenceTypeRegistry).to.equal(await p.licenceTypes.getAddress());
    });
  });

  describe("privacy", () => {
    it("puts no field value in any transaction or event", async () => {
      const p = await loadFixture(platformWithDepartments);
      const { licenceId, file } = businessLicence(p.holder);
      const txs = [
        await p.licences.connect(p.samr1).issue(licenceId, 1, 1, 0),
        await p.licences.connect(p.housing1).recordVerification(licenceId, purpose, 3n, 7),
        await p.consents.connect(p.holder).grant({
          departmentId: 2,
          licenceId,
          fieldMask: fieldMaskOf(BUSINESS_LICENCE_FIELDS, ["name"]),
          purpose,
          expiresAt: (await time.latest()) + 3600,
        }),
      ];
      const onChain: string[] = [];
      for (const tx of txs) {
        const receipt = await tx.wait();
        onChain.push(tx.data.toLowerCase(), ...receipt!.logs.map((l) => (l.data + l.topics.join("")).toLowerCase()));
      }
      const blob = onChain.join("");
      for (const field of file.fields.filter((f) => f.name !== "holder")) {
        const valueHex = ethers.hexlify(ethers.toUtf8Bytes(field.value)).slice(2).toLowerCase();
        expect(blob.includes(valueHex), `field ${field.name} appears on chain`).to.equal(false);
        expect(blob.includes(field.salt.slice(2).toLowerCase()), `salt of ${field.name} appears on chain`).to.equal(
          false,
        );
      }
    });
  });

  describe("upgrade", () => {
    it("keeps licences and departments across an upgrade by the UPGRADER", async () => {
      const { licences, departments, licenceId, deployer } = await issuedLicence();
      for (const [proxy, name] of [
        [licences, "LicenceRegistryV2Mock"],
        [departments, "DepartmentRegistryV2Mock"],
      ] as const) {
        const next = await ethers.deployContract(name);
        await expect(proxy.connect(deployer).upgradeToAndCall(await next.getAddress(), "0x"))
          .to.emit(proxy, "Upgraded")
          .withArgs(await next.getAddress());
        const upgraded = await ethers.getContractAt(name, await proxy.getAddress());
        expect(await upgraded.upgradeMarker()).to.equal(2n);
      }
      expect(await licences.statusOf(licenceId, NO_BATCH, [])).to.equal(Status.Valid);
      expect((await departments.getDepartment(1)).code).to.equal("HD-SAMR");
      expect(await licences.issuerDepartmentOf((await departments.getDepartment(1)).officers[0]!)).to.equal(1n);
    });

    it("reverts an upgrade by anyone else", async () => {
      const { licences, outsider, samr1 } = await issuedLicence();
      const next = await ethers.deployContract("LicenceRegistryV2Mock");
      for (const caller of [outsider, samr1]) {
        await expect(licences.connect(caller).upgradeToAndCall(await next.getAddress(), "0x"))
          .to.be.revertedWithCustomError(licences, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });

    it("cannot be initialised twice", async () => {
      const { licences, departments, licenceTypes } = await issuedLicence();
      await expect(
        licences.initialize(await departments.getAddress(), departments, licenceTypes),
      ).to.be.revertedWithCustomError(licences, "InvalidInitialization");
    });
  });
});
