import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index";

import {
  handleDepartmentRegistered,
  handleDepartmentUpdated,
  handleOfficerRenounced,
  handleOfficersChanged,
} from "../src/departmentRegistry";
import {
  createDepartmentRegisteredEvent,
  createDepartmentUpdatedEvent,
  createOfficerRenouncedEvent,
  createOfficersChangedEvent,
} from "./utils/departmentRegistry";
import { addr, utc } from "./utils/events";

const A = "0x00000000000000000000000000000000000000aa";
const B = "0x00000000000000000000000000000000000000bb";
const C = "0x00000000000000000000000000000000000000cc";

describe("DepartmentRegistry", () => {
  beforeEach(() => {
    clearStore();
  });

  test("registers a department with its officers, epoch 1, not a lister", () => {
    handleDepartmentRegistered(createDepartmentRegisteredEvent(4, "HD-SCJG", [A, B], 2, utc(2026, 3, 2, 2)));
    assert.entityCount("Department", 1);
    assert.fieldEquals("Department", "4", "code", "HD-SCJG");
    assert.fieldEquals("Department", "4", "officers", "[" + A + ", " + B + "]");
    assert.fieldEquals("Department", "4", "threshold", "2");
    assert.fieldEquals("Department", "4", "officersEpoch", "1");
    assert.fieldEquals("Department", "4", "lister", "false");
    assert.fieldEquals("Department", "4", "encryptionKey", "0x04aa");
    assert.fieldEquals("Department", "4", "registeredAt", utc(2026, 3, 2, 2).toString());
  });

  test("OfficersChanged replaces the officers and bumps the epoch", () => {
    handleDepartmentRegistered(createDepartmentRegisteredEvent(4, "HD-SCJG", [A], 1, utc(2026, 3, 2, 2)));
    handleOfficersChanged(createOfficersChangedEvent(4, [B, C], 2, addr(9), utc(2026, 3, 3, 2)));
    assert.fieldEquals("Department", "4", "officers", "[" + B + ", " + C + "]");
    assert.fieldEquals("Department", "4", "threshold", "2");
    assert.fieldEquals("Department", "4", "officersEpoch", "2");
    assert.fieldEquals("Department", "4", "updatedAt", utc(2026, 3, 3, 2).toString());
  });

  test("OfficerRenounced removes the officer as the contract does (last one moves into its place)", () => {
    handleDepartmentRegistered(createDepartmentRegisteredEvent(4, "HD-SCJG", [A, B, C], 1, utc(2026, 3, 2, 2)));
    handleOfficerRenounced(createOfficerRenouncedEvent(4, A, utc(2026, 3, 2, 3)));
    assert.fieldEquals("Department", "4", "officers", "[" + C + ", " + B + "]");
    assert.fieldEquals("Department", "4", "officersEpoch", "2");
  });

  test("an update of an unknown department creates nothing", () => {
    handleDepartmentUpdated(createDepartmentUpdatedEvent(99, "NOPE", utc(2026, 3, 2, 2)));
    handleOfficerRenounced(createOfficerRenouncedEvent(99, A, utc(2026, 3, 2, 3)));
    assert.entityCount("Department", 0);
    assert.notInStore("Department", "99");
  });

  test("DepartmentUpdated changes names and level, keeps officers", () => {
    handleDepartmentRegistered(createDepartmentRegisteredEvent(4, "HD-SCJG", [A], 1, utc(2026, 3, 2, 2)));
    handleDepartmentUpdated(createDepartmentUpdatedEvent(4, "HD-NEW", utc(2026, 3, 4, 2)));
    assert.fieldEquals("Department", "4", "code", "HD-NEW");
    assert.fieldEquals("Department", "4", "level", "2");
    assert.fieldEquals("Department", "4", "kind", "1");
    assert.fieldEquals("Department", "4", "officers", "[" + A + "]");
  });

  test(
    "a handler given an event without its parameters fails (and the test expects the failure)",
    () => {
      const event = createDepartmentRegisteredEvent(4, "HD-SCJG", [A], 1, utc(2026, 3, 2, 2));
      event.parameters = [];
      handleDepartmentRegistered(event);
    },
    true,
  );
});
