// RestrictionList events → Restriction, RestrictionEvent, Department.lister.
import { BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";

import { ListerSet, SubjectListed, SubjectUnlisted } from "../generated/RestrictionList/RestrictionList";
import { Department, Restriction, RestrictionEvent } from "../generated/schema";
import { eventId, uintId } from "./common";

function restrictionEvent(
  event: ethereum.Event,
  kind: string,
  subject: Bytes,
  department: BigInt,
  reason: i32,
  officer: Bytes,
): void {
  const entry = new RestrictionEvent(eventId(event));
  entry.kind = kind;
  entry.subject = subject;
  entry.department = uintId(department);
  entry.reason = reason;
  entry.officer = officer;
  entry.blockNumber = event.block.number;
  entry.timestamp = event.block.timestamp;
  entry.transactionHash = event.transaction.hash;
  entry.logIndex = event.logIndex.toI32();
  entry.save();
}

export function handleListerSet(event: ListerSet): void {
  const department = Department.load(uintId(event.params.departmentId));
  if (department == null) {
    log.warning("ListerSet for unknown department {}", [uintId(event.params.departmentId)]);
    return;
  }
  department.lister = event.params.allowed;
  department.updatedAt = event.block.timestamp;
  department.save();
}

export function handleSubjectListed(event: SubjectListed): void {
  const restriction = new Restriction(event.params.subject);
  restriction.department = uintId(event.params.departmentId);
  restriction.reason = event.params.reason;
  restriction.listedAt = event.params.listedAt;
  restriction.expiresAt = event.params.expiresAt;
  restriction.listed = true;
  restriction.unlistedAt = null;
  restriction.officer = event.params.officer;
  restriction.updatedAt = event.block.timestamp;
  restriction.save();
  restrictionEvent(
    event,
    "Listed",
    event.params.subject,
    event.params.departmentId,
    event.params.reason,
    event.params.officer,
  );
}

export function handleSubjectUnlisted(event: SubjectUnlisted): void {
  const restriction = Restriction.load(event.params.subject);
  if (restriction == null) {
    log.warning("SubjectUnlisted for unknown subject {}", [event.params.subject.toHexString()]);
  } else {
    restriction.listed = false;
    restriction.unlistedAt = event.params.timestamp;
    restriction.updatedAt = event.block.timestamp;
    restriction.save();
  }
  restrictionEvent(event, "Unlisted", event.params.subject, event.params.departmentId, 0, event.params.officer);
}
