import {
  DepartmentRegistered,
  DepartmentUpdated,
  OfficerRenounced,
  OfficersChanged,
} from "../../generated/DepartmentRegistry/DepartmentRegistry";
import { address, addressArray, bytes, mockEvent, text, uint } from "./events";

export function createDepartmentRegisteredEvent(
  departmentId: i32,
  code: string,
  officers: string[],
  threshold: i32,
  timestamp: i64,
): DepartmentRegistered {
  return changetype<DepartmentRegistered>(
    mockEvent(timestamp, [
      uint("departmentId", departmentId),
      text("code", code),
      text("name", code + " 部门 department"),
      uint("level", 3),
      uint("kind", 0),
      bytes("encryptionKey", "0x04aa"),
      addressArray("officers", officers),
      uint("threshold", threshold),
    ]),
  );
}

export function createDepartmentUpdatedEvent(departmentId: i32, code: string, timestamp: i64): DepartmentUpdated {
  return changetype<DepartmentUpdated>(
    mockEvent(timestamp, [
      uint("departmentId", departmentId),
      text("code", code),
      text("name", "renamed 改名"),
      uint("level", 2),
      uint("kind", 1),
      bytes("encryptionKey", "0x04bb"),
    ]),
  );
}

export function createOfficersChangedEvent(
  departmentId: i32,
  officers: string[],
  threshold: i32,
  changedBy: string,
  timestamp: i64,
): OfficersChanged {
  return changetype<OfficersChanged>(
    mockEvent(timestamp, [
      uint("departmentId", departmentId),
      addressArray("officers", officers),
      uint("threshold", threshold),
      address("changedBy", changedBy),
    ]),
  );
}

export function createOfficerRenouncedEvent(departmentId: i32, officer: string, timestamp: i64): OfficerRenounced {
  return changetype<OfficerRenounced>(
    mockEvent(timestamp, [uint("departmentId", departmentId), address("officer", officer)]),
  );
}
