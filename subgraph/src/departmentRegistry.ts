// DepartmentRegistry events → Department.
import { Bytes, log } from "@graphprotocol/graph-ts";

import {
  DepartmentActiveChanged,
  DepartmentRegistered,
  DepartmentUpdated,
  OfficerListenersSet,
  OfficerRenounced,
  OfficersChanged,
  SealKeySet,
} from "../generated/DepartmentRegistry/DepartmentRegistry";
import { Department, SealKey } from "../generated/schema";
import { uintId } from "./common";

function addresses(list: Bytes[]): Bytes[] {
  const out: Bytes[] = [];
  for (let i = 0; i < list.length; i++) out.push(list[i]);
  return out;
}

export function handleDepartmentRegistered(event: DepartmentRegistered): void {
  const id = uintId(event.params.departmentId);
  let department = Department.load(id);
  if (department == null) {
    department = new Department(id);
    department.lister = false;
  }
  department.code = event.params.code;
  department.name = event.params.name;
  department.level = event.params.level;
  department.kind = event.params.kind;
  department.encryptionKey = event.params.encryptionKey;
  department.officers = addresses(changetype<Bytes[]>(event.params.officers));
  department.threshold = event.params.threshold;
  department.officersEpoch = 1;
  department.active = true;
  department.registeredAt = event.block.timestamp;
  department.updatedAt = event.block.timestamp;
  department.save();
}

export function handleDepartmentUpdated(event: DepartmentUpdated): void {
  const department = Department.load(uintId(event.params.departmentId));
  if (department == null) {
    log.warning("DepartmentUpdated for unknown department {}", [uintId(event.params.departmentId)]);
    return;
  }
  department.code = event.params.code;
  department.name = event.params.name;
  department.level = event.params.level;
  department.kind = event.params.kind;
  department.encryptionKey = event.params.encryptionKey;
  department.updatedAt = event.block.timestamp;
  department.save();
}

export function handleOfficersChanged(event: OfficersChanged): void {
  const department = Department.load(uintId(event.params.departmentId));
  if (department == null) {
    log.warning("OfficersChanged for unknown department {}", [uintId(event.params.departmentId)]);
    return;
  }
  department.officers = addresses(changetype<Bytes[]>(event.params.officers));
  department.threshold = event.params.threshold;
  department.officersEpoch = department.officersEpoch + 1;
  department.updatedAt = event.block.timestamp;
  department.save();
}

/** The contract removes an officer by moving the last one into its place (swap and pop). */
export function handleOfficerRenounced(event: OfficerRenounced): void {
  const department = Department.load(uintId(event.params.departmentId));
  if (department == null) {
    log.warning("OfficerRenounced for unknown department {}", [uintId(event.params.departmentId)]);
    return;
  }
  const officers = department.officers;
  const officer = changetype<Bytes>(event.params.officer);
  for (let i = 0; i < officers.length; i++) {
    if (officers[i].equals(officer)) {
      officers[i] = officers[officers.length - 1];
      officers.pop();
      break;
    }
  }
  department.officers = officers;
  department.officersEpoch = department.officersEpoch + 1;
  department.updatedAt = event.block.timestamp;
  department.save();
}

export function handleDepartmentActiveChanged(event: DepartmentActiveChanged): void {
  const department = Department.load(uintId(event.params.departmentId));
  if (department == null) {
    log.warning("DepartmentActiveChanged for unknown department {}", [uintId(event.params.departmentId)]);
    return;
  }
  department.active = event.params.active;
  department.updatedAt = event.block.timestamp;
  department.save();
}

/** One key of the department's seal-key history; a rotation adds one (the earlier keys stay). */
export function handleSealKeySet(event: SealKeySet): void {
  const key = new SealKey(uintId(event.params.departmentId) + "-" + event.params.index.toString());
  key.department = uintId(event.params.departmentId);
  key.index = event.params.index.toI32();
  key.publicKey = event.params.publicKey;
  key.validFrom = event.params.since;
  key.setBy = changetype<Bytes>(event.params.setBy);
  key.blockNumber = event.block.number;
  key.timestamp = event.block.timestamp;
  key.transactionHash = event.transaction.hash;
  key.logIndex = event.logIndex.toI32();
  key.save();
}

/** Which contracts hear of officer changes is wiring, not audit data: no entity (schema.graphql). */
export function handleOfficerListenersSet(event: OfficerListenersSet): void {
  log.debug("OfficerListenersSet: {} listeners", [event.params.listeners.length.toString()]);
}
