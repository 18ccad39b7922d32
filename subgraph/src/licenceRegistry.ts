// LicenceRegistry events → Licence, Batch, LicenceStatusChange (status history), Verification
// (evidence), and the issue / verification KPIs.
import { BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";

import {
  BatchIssued,
  IssuerOfficerSynced,
  LicenceIssued,
  LicenceReplaced,
  LicenceResumed,
  LicenceRevoked,
  LicenceSuspended,
  LicenceVerified,
} from "../generated/LicenceRegistry/LicenceRegistry";
import { Batch, Licence, LicenceStatusChange, Verification } from "../generated/schema";
import { dailyKpi, departmentKpi, eventId, isZero, uintId } from "./common";
import { LICENCE_STATE_ISSUED, LICENCE_STATE_REVOKED, LICENCE_STATE_SUSPENDED } from "./constants";

function statusChange(
  event: ethereum.Event,
  kind: string,
  licence: Bytes,
  batch: Bytes,
  department: BigInt,
  reason: i32,
  officer: Bytes | null,
  newLicence: Bytes | null,
): void {
  const change = new LicenceStatusChange(eventId(event));
  change.kind = kind;
  change.licence = licence;
  change.batch = isZero(batch) ? null : batch;
  change.department = uintId(department);
  change.reason = reason;
  change.officer = officer;
  change.newLicence = newLicence;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.logIndex = event.logIndex.toI32();
  change.save();
}

function countIssued(event: ethereum.Event, department: BigInt, count: i32): void {
  const kpi = departmentKpi(uintId(department));
  kpi.licencesIssued = kpi.licencesIssued + count;
  kpi.save();
  const daily = dailyKpi(event);
  daily.licencesIssued = daily.licencesIssued + count;
  daily.save();
}

export function handleLicenceIssued(event: LicenceIssued): void {
  const licence = new Licence(event.params.licenceId);
  licence.licenceType = uintId(event.params.typeId);
  licence.typeVersion = event.params.typeVersion;
  licence.issuer = uintId(event.params.issuerDepartment);
  licence.status = LICENCE_STATE_ISSUED;
  licence.issuedAt = event.params.issuedAt;
  licence.expiresAt = event.params.expiresAt;
  licence.officer = event.params.officer;
  licence.verifications = 0;
  licence.updatedAt = event.block.timestamp;
  licence.save();
  statusChange(
    event,
    "Issued",
    event.params.licenceId,
    Bytes.empty(),
    event.params.issuerDepartment,
    0,
    event.params.officer,
    null,
  );
  countIssued(event, event.params.issuerDepartment, 1);
}

export function handleBatchIssued(event: BatchIssued): void {
  const batch = new Batch(event.params.batchRoot);
  batch.licenceType = uintId(event.params.typeId);
  batch.typeVersion = event.params.typeVersion;
  batch.issuer = uintId(event.params.issuerDepartment);
  batch.count = event.params.count.toI32();
  batch.status = LICENCE_STATE_ISSUED;
  batch.issuedAt = event.params.issuedAt;
  batch.expiresAt = event.params.expiresAt;
  batch.officer = event.params.officer;
  batch.verifications = 0;
  batch.updatedAt = event.block.timestamp;
  batch.save();
  statusChange(
    event,
    "BatchIssued",
    event.params.batchRoot,
    // `batch` names the batch a member belongs to; the root itself is the entry's `licence`.
    Bytes.empty(),
    event.params.issuerDepartment,
    0,
    event.params.officer,
    null,
  );
  countIssued(event, event.params.issuerDepartment, event.params.count.toI32());
}

/** Applies a status to a licence, a batch root, or a batch member (created from its batch if missing). */
function setStatus(event: ethereum.Event, licenceId: Bytes, batchRoot: Bytes, status: i32): void {
  if (isZero(batchRoot)) {
    const batch = Batch.load(licenceId);
    if (batch != null) {
      batch.status = status;
      batch.updatedAt = event.block.timestamp;
      batch.save();
      return;
    }
    const licence = Licence.load(licenceId);
    if (licence == null) {
      log.warning("status change for unknown licence {}", [licenceId.toHexString()]);
      return;
    }
    licence.status = status;
    licence.updatedAt = event.block.timestamp;
    licence.save();
    return;
  }
  let licence = Licence.load(licenceId);
  if (licence == null) {
    const batch = Batch.load(batchRoot);
    if (batch == null) {
      log.warning("status change of member {} of unknown batch {}", [licenceId.toHexString(), batchRoot.toHexString()]);
      return;
    }
    licence = new Licence(licenceId);
    licence.licenceType = batch.licenceType;
    licence.typeVersion = batch.typeVersion;
    licence.issuer = batch.issuer;
    licence.issuedAt = batch.issuedAt;
    licence.expiresAt = batch.expiresAt;
    licence.batch = batchRoot;
    licence.verifications = 0;
  }
  licence.status = status;
  licence.updatedAt = event.block.timestamp;
  licence.save();
}

export function handleLicenceRevoked(event: LicenceRevoked): void {
  setStatus(event, event.params.licenceId, event.params.batchRoot, LICENCE_STATE_REVOKED);
  statusChange(
    event,
    "Revoked",
    event.params.licenceId,
    event.params.batchRoot,
    event.params.issuerDepartment,
    event.params.reason,
    event.params.officer,
    null,
  );
}

export function handleLicenceSuspended(event: LicenceSuspended): void {
  setStatus(event, event.params.licenceId, event.params.batchRoot, LICENCE_STATE_SUSPENDED);
  statusChange(
    event,
    "Suspended",
    event.params.licenceId,
    event.params.batchRoot,
    event.params.issuerDepartment,
    event.params.reason,
    event.params.officer,
    null,
  );
}

export function handleLicenceResumed(event: LicenceResumed): void {
  setStatus(event, event.params.licenceId, event.params.batchRoot, LICENCE_STATE_ISSUED);
  statusChange(
    event,
    "Resumed",
    event.params.licenceId,
    event.params.batchRoot,
    event.params.issuerDepartment,
    0,
    event.params.officer,
    null,
  );
}

export function handleLicenceReplaced(event: LicenceReplaced): void {
  const old = Licence.load(event.params.oldLicenceId);
  if (old != null) {
    old.replacedBy = event.params.newLicenceId;
    old.updatedAt = event.block.timestamp;
    old.save();
  }
  const replacement = Licence.load(event.params.newLicenceId);
  if (replacement != null) {
    replacement.replaces = event.params.oldLicenceId;
    replacement.updatedAt = event.block.timestamp;
    replacement.save();
  }
  statusChange(
    event,
    "Replaced",
    event.params.oldLicenceId,
    Bytes.empty(),
    event.params.issuerDepartment,
    0,
    null,
    event.params.newLicenceId,
  );
}

export function handleLicenceVerified(event: LicenceVerified): void {
  const verification = new Verification(eventId(event));
  verification.licence = event.params.licenceId;
  verification.department = uintId(event.params.verifierDepartment);
  verification.purpose = event.params.purpose;
  verification.fieldMask = event.params.fieldMask;
  verification.result = event.params.result;
  verification.officer = event.params.officer;
  verification.blockNumber = event.block.number;
  verification.timestamp = event.block.timestamp;
  verification.transactionHash = event.transaction.hash;
  verification.logIndex = event.logIndex.toI32();
  verification.save();

  const kpi = departmentKpi(uintId(event.params.verifierDepartment));
  kpi.verifications = kpi.verifications + 1;
  kpi.save();
  const daily = dailyKpi(event);
  daily.verifications = daily.verifications + 1;
  daily.save();
  const licence = Licence.load(event.params.licenceId);
  if (licence != null) {
    licence.verifications = licence.verifications + 1;
    licence.save();
  }
  const batch = Batch.load(event.params.licenceId);
  if (batch != null) {
    batch.verifications = batch.verifications + 1;
    batch.save();
  }
}

/** Which officer acts for which department is mirrored to the registry only: no entity (schema.graphql). */
export function handleIssuerOfficerSynced(event: IssuerOfficerSynced): void {
  log.debug("IssuerOfficerSynced {} → {}", [event.params.account.toHexString(), uintId(event.params.departmentId)]);
}
