// LicenceTypeRegistry events → LicenceType, LicenceTypeVersion.
import { log } from "@graphprotocol/graph-ts";

import {
  LicenceTypeDeactivated,
  LicenceTypeRegistered,
  LicenceTypeVersionPublished,
} from "../generated/LicenceTypeRegistry/LicenceTypeRegistry";
import { LicenceType, LicenceTypeVersion } from "../generated/schema";
import { uintId } from "./common";

export function handleLicenceTypeRegistered(event: LicenceTypeRegistered): void {
  const id = uintId(event.params.typeId);
  const type = new LicenceType(id);
  type.code = event.params.code;
  type.name = event.params.name;
  type.currentVersion = 0;
  type.active = true;
  type.registeredAt = event.block.timestamp;
  type.save();
}

export function handleLicenceTypeVersionPublished(event: LicenceTypeVersionPublished): void {
  const typeId = uintId(event.params.typeId);
  const version = new LicenceTypeVersion(typeId + "-" + event.params.version.toString());
  version.licenceType = typeId;
  version.version = event.params.version;
  version.level = event.params.level;
  version.publishedAt = event.params.publishedAt;
  version.defaultValidity = event.params.defaultValidity;
  version.fieldNames = event.params.fieldNames;
  const issuers: string[] = [];
  const raw = event.params.issuers;
  for (let i = 0; i < raw.length; i++) issuers.push(raw[i].toString());
  version.issuers = issuers;
  version.save();

  const type = LicenceType.load(typeId);
  if (type == null) {
    log.warning("LicenceTypeVersionPublished for unknown type {}", [typeId]);
    return;
  }
  if (event.params.version > type.currentVersion) type.currentVersion = event.params.version;
  type.save();
}

export function handleLicenceTypeDeactivated(event: LicenceTypeDeactivated): void {
  const type = LicenceType.load(uintId(event.params.typeId));
  if (type == null) {
    log.warning("LicenceTypeDeactivated for unknown type {}", [uintId(event.params.typeId)]);
    return;
  }
  type.active = false;
  type.deactivatedAt = event.params.deactivatedAt;
  type.save();
}
