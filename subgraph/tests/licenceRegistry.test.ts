import { assert, beforeEach, clearStore, describe, test } from "matchstick-as/assembly/index";

import {
  handleBatchIssued,
  handleLicenceIssued,
  handleLicenceReplaced,
  handleLicenceRevoked,
  handleLicenceSuspended,
  handleLicenceVerified,
} from "../src/licenceRegistry";
import { addr, id32, utc } from "./utils/events";
import {
  createBatchIssuedEvent,
  createLicenceIssuedEvent,
  createLicenceReplacedEvent,
  createLicenceRevokedEvent,
  createLicenceSuspendedEvent,
  createLicenceVerifiedEvent,
} from "./utils/licenceRegistry";

const OFFICER = addr(0xa1);
const ZERO = id32(0);

describe("LicenceRegistry", () => {
  beforeEach(() => {
    clearStore();
  });

  test("LicenceIssued creates the licence, its history entry and the issue KPIs", () => {
    const event = createLicenceIssuedEvent(id32(1), 3, 5, OFFICER, utc(2026, 3, 2, 2));
    handleLicenceIssued(event);
    assert.fieldEquals("Licence", id32(1), "status", "1");
    assert.fieldEquals("Licence", id32(1), "issuer", "3");
    assert.fieldEquals("Licence", id32(1), "licenceType", "5");
    assert.fieldEquals("Licence", id32(1), "officer", OFFICER);
    const changeId = event.transaction.hash.concatI32(event.logIndex.toI32()).toHexString();
    assert.fieldEquals("LicenceStatusChange", changeId, "kind", "Issued");
    assert.fieldEquals("LicenceStatusChange", changeId, "licence", id32(1));
    assert.fieldEquals("DepartmentKpi", "3", "licencesIssued", "1");
    assert.fieldEquals("DailyKpi", "2026-03-02", "licencesIssued", "1");
    assert.fieldEquals("DailyKpi", "2026-03-02", "date", "20260302");
  });

  test("a batch member's first status change creates it from its batch", () => {
    const batchIssued = createBatchIssuedEvent(id32(0xb0), 3, 5, 100, OFFICER, utc(2026, 3, 2, 2));
    handleBatchIssued(batchIssued);
    assert.fieldEquals("DepartmentKpi", "3", "licencesIssued", "100");
    const issuedId = batchIssued.transaction.hash.concatI32(batchIssued.logIndex.toI32()).toHexString();
    assert.fieldEquals("LicenceStatusChange", issuedId, "licence", id32(0xb0));
    assert.fieldEquals("LicenceStatusChange", issuedId, "batch", "null");
    const revoked = createLicenceRevokedEvent(id32(7), id32(0xb0), 3, 2, OFFICER, utc(2026, 3, 3, 2));
    handleLicenceRevoked(revoked);
    const revokedId = revoked.transaction.hash.concatI32(revoked.logIndex.toI32()).toHexString();
    assert.fieldEquals("LicenceStatusChange", revokedId, "batch", id32(0xb0));
    assert.fieldEquals("Licence", id32(7), "status", "3");
    assert.fieldEquals("Licence", id32(7), "batch", id32(0xb0));
    assert.fieldEquals("Licence", id32(7), "typeVersion", "2");
    assert.fieldEquals("Licence", id32(7), "issuedAt", utc(2026, 3, 2, 2).toString());
    assert.fieldEquals("Batch", id32(0xb0), "status", "1");
    assert.entityCount("LicenceStatusChange", 2);
  });

  test("a status change naming a batch root with no batchRoot changes the batch", () => {
    handleBatchIssued(createBatchIssuedEvent(id32(0xb0), 3, 5, 10, OFFICER, utc(2026, 3, 2, 2)));
    handleLicenceSuspended(createLicenceSuspendedEvent(id32(0xb0), ZERO, 3, 4, OFFICER, utc(2026, 3, 3, 2)));
    assert.fieldEquals("Batch", id32(0xb0), "status", "2");
    assert.notInStore("Licence", id32(0xb0));
  });

  test("revoking an unknown licence records the history but invents no licence", () => {
    handleLicenceRevoked(createLicenceRevokedEvent(id32(42), ZERO, 3, 1, OFFICER, utc(2026, 3, 3, 2)));
    assert.entityCount("Licence", 0);
    assert.entityCount("LicenceStatusChange", 1);
    handleLicenceRevoked(createLicenceRevokedEvent(id32(43), id32(0xbb), 3, 1, OFFICER, utc(2026, 3, 3, 2)));
    assert.entityCount("Licence", 0);
  });

  test("LicenceReplaced links the old and the new licence", () => {
    handleLicenceIssued(createLicenceIssuedEvent(id32(1), 3, 5, OFFICER, utc(2026, 3, 2, 2)));
    handleLicenceIssued(createLicenceIssuedEvent(id32(2), 3, 5, OFFICER, utc(2026, 3, 5, 2)));
    handleLicenceReplaced(createLicenceReplacedEvent(id32(1), id32(2), 3, utc(2026, 3, 5, 2)));
    assert.fieldEquals("Licence", id32(1), "replacedBy", id32(2));
    assert.fieldEquals("Licence", id32(2), "replaces", id32(1));
    assert.fieldEquals("DepartmentKpi", "3", "licencesIssued", "2");
  });

  test("LicenceVerified counts on the licence, the verifier's KPI and the day", () => {
    handleLicenceIssued(createLicenceIssuedEvent(id32(1), 3, 5, OFFICER, utc(2026, 3, 2, 2)));
    handleLicenceVerified(createLicenceVerifiedEvent(id32(1), 8, 1, addr(0xc1), utc(2026, 3, 2, 17)));
    handleLicenceVerified(createLicenceVerifiedEvent(id32(1), 8, 0, addr(0xc1), utc(2026, 3, 2, 18)));
    assert.fieldEquals("Licence", id32(1), "verifications", "2");
    assert.fieldEquals("DepartmentKpi", "8", "verifications", "2");
    // 17:00 and 18:00 UTC are already 3 March in Beijing (UTC+8).
    assert.fieldEquals("DailyKpi", "2026-03-03", "verifications", "2");
    assert.entityCount("Verification", 2);
  });
});
