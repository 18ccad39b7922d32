// ConsentRegistry events → Consent, ConsentEvent.
import { Bytes, ethereum, log } from "@graphprotocol/graph-ts";

import { ConsentGranted, ConsentNonceUsed, ConsentRevoked } from "../generated/ConsentRegistry/ConsentRegistry";
import { Consent, ConsentEvent } from "../generated/schema";
import { eventId, uintId } from "./common";

function consentEvent(event: ethereum.Event, kind: string, consent: Bytes, holder: Bytes, department: string): void {
  const entry = new ConsentEvent(eventId(event));
  entry.kind = kind;
  entry.consent = consent;
  entry.holder = holder;
  entry.department = department;
  entry.blockNumber = event.block.number;
  entry.timestamp = event.block.timestamp;
  entry.transactionHash = event.transaction.hash;
  entry.logIndex = event.logIndex.toI32();
  entry.save();
}

export function handleConsentGranted(event: ConsentGranted): void {
  let consent = Consent.load(event.params.consentId);
  if (consent == null) {
    consent = new Consent(event.params.consentId);
    consent.grants = 0;
  }
  consent.holder = event.params.holder;
  consent.department = uintId(event.params.departmentId);
  consent.licence = event.params.licenceId;
  consent.fieldMask = event.params.fieldMask;
  consent.purpose = event.params.purpose;
  consent.grantedAt = event.params.grantedAt;
  consent.expiresAt = event.params.expiresAt;
  consent.revoked = false;
  consent.revokedAt = null;
  consent.grants = consent.grants + 1;
  consent.updatedAt = event.block.timestamp;
  consent.save();
  consentEvent(event, "Granted", event.params.consentId, event.params.holder, uintId(event.params.departmentId));
}

export function handleConsentRevoked(event: ConsentRevoked): void {
  const consent = Consent.load(event.params.consentId);
  if (consent == null) {
    log.warning("ConsentRevoked for unknown consent {}", [event.params.consentId.toHexString()]);
  } else {
    consent.revoked = true;
    consent.revokedAt = event.params.timestamp;
    consent.updatedAt = event.block.timestamp;
    consent.save();
  }
  consentEvent(event, "Revoked", event.params.consentId, event.params.holder, uintId(event.params.departmentId));
}

/** Replay protection of signed consents: no audit entity (schema.graphql). */
export function handleConsentNonceUsed(event: ConsentNonceUsed): void {
  log.debug("ConsentNonceUsed {} {}", [event.params.holder.toHexString(), event.params.nonce.toString()]);
}
