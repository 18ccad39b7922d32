import {
  BatchIssued,
  LicenceIssued,
  LicenceReplaced,
  LicenceRevoked,
  LicenceSuspended,
  LicenceVerified,
} from "../../generated/LicenceRegistry/LicenceRegistry";
import { address, bytes32, mockEvent, uint } from "./events";

export function createLicenceIssuedEvent(
  licenceId: string,
  department: i32,
  typeId: i32,
  officer: string,
  timestamp: i64,
): LicenceIssued {
  return changetype<LicenceIssued>(
    mockEvent(timestamp, [
      bytes32("licenceId", licenceId),
      uint("issuerDepartment", department),
      uint("typeId", typeId),
      uint("typeVersion", 1),
      uint("issuedAt", timestamp),
      uint("expiresAt", 0),
      address("officer", officer),
    ]),
  );
}

export function createBatchIssuedEvent(
  batchRoot: string,
  department: i32,
  typeId: i32,
  count: i32,
  officer: string,
  timestamp: i64,
): BatchIssued {
  return changetype<BatchIssued>(
    mockEvent(timestamp, [
      bytes32("batchRoot", batchRoot),
      uint("issuerDepartment", department),
      uint("typeId", typeId),
      uint("typeVersion", 2),
      uint("issuedAt", timestamp),
      uint("expiresAt", timestamp + 86400 * 365),
      uint("count", count),
      address("officer", officer),
    ]),
  );
}

export function createLicenceRevokedEvent(
  licenceId: string,
  batchRoot: string,
  department: i32,
  reason: i32,
  officer: string,
  timestamp: i64,
): LicenceRevoked {
  return changetype<LicenceRevoked>(
    mockEvent(timestamp, [
      bytes32("licenceId", licenceId),
      bytes32("batchRoot", batchRoot),
      uint("issuerDepartment", department),
      uint("reason", reason),
      uint("timestamp", timestamp),
      address("officer", officer),
    ]),
  );
}

export function createLicenceSuspendedEvent(
  licenceId: string,
  batchRoot: string,
  department: i32,
  reason: i32,
  officer: string,
  timestamp: i64,
): LicenceSuspended {
  return changetype<LicenceSuspended>(
    mockEvent(timestamp, [
      bytes32("licenceId", licenceId),
      bytes32("batchRoot", batchRoot),
      uint("issuerDepartment", department),
      uint("reason", reason),
      uint("timestamp", timestamp),
      address("officer", officer),
    ]),
  );
}

export function createLicenceReplacedEvent(
  oldLicenceId: string,
  newLicenceId: string,
  department: i32,
  timestamp: i64,
): LicenceReplaced {
  return changetype<LicenceReplaced>(
    mockEvent(timestamp, [
      bytes32("oldLicenceId", oldLicenceId),
      bytes32("newLicenceId", newLicenceId),
      uint("issuerDepartment", department),
    ]),
  );
}

export function createLicenceVerifiedEvent(
  licenceId: string,
  department: i32,
  result: i32,
  officer: string,
  timestamp: i64,
): LicenceVerified {
  return changetype<LicenceVerified>(
    mockEvent(timestamp, [
      bytes32("licenceId", licenceId),
      uint("verifierDepartment", department),
      bytes32("purpose", "0x" + "ab".repeat(32)),
      uint("fieldMask", 7),
      uint("result", result),
      uint("timestamp", timestamp),
      address("officer", officer),
    ]),
  );
}
