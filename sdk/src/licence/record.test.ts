import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { businessLicence } from "../test/fixtures.ts";
import { buildLicence } from "./build.ts";
import { describeRecordMismatch, recordMismatches, withIssueTimes, type IssueRecord } from "./record.ts";

const RECORD: IssueRecord = {
  typeId: 1,
  typeVersion: 1,
  issuerDepartment: 3,
  issuedAt: 1_735_689_600,
  expiresAt: 1_830_297_600,
};

describe("recordMismatches", () => {
  it("finds none for a copy of the record, whatever the file's (informative) issue time", () => {
    assert.deepEqual(recordMismatches(RECORD, RECORD), []);
    const file: IssueRecord = { ...RECORD, issuedAt: RECORD.issuedAt - 60 };
    assert.deepEqual(recordMismatches(file, RECORD), []);
  });

  it("names each field that disagrees, with both values", () => {
    assert.deepEqual(recordMismatches({ ...RECORD, expiresAt: 0 }, RECORD), [
      { field: "expiresAt", file: 0, chain: RECORD.expiresAt },
    ]);
    assert.deepEqual(
      recordMismatches({ ...RECORD, typeId: 2, typeVersion: 3, issuerDepartment: 4 }, RECORD).map((m) => m.field),
      ["typeId", "typeVersion", "issuerDepartment"],
    );
  });

  it("words a mismatch naming the field, times in ISO 8601 and 0 as never", () => {
    assert.equal(
      describeRecordMismatch({ field: "expiresAt", file: 0, chain: RECORD.expiresAt }),
      "the expiry in the file (never) disagrees with the chain's record (2028-01-01T00:00:00Z)",
    );
    assert.equal(
      describeRecordMismatch({ field: "issuerDepartment", file: 4, chain: 3 }, "disclosure"),
      "the issuing department in the disclosure (4) disagrees with the chain's record (3)",
    );
  });
});

describe("withIssueTimes", () => {
  it("gives the file the record's issue and expiry times, nothing else changed", () => {
    const { file } = buildLicence(businessLicence({ issuedAt: undefined, expiresAt: undefined }));
    const issued = withIssueTimes(file, RECORD);
    assert.equal(issued.issuedAt, RECORD.issuedAt);
    assert.equal(issued.expiresAt, RECORD.expiresAt);
    const { issuedAt: _i, expiresAt: _e, ...rest } = issued;
    const { issuedAt: _fi, expiresAt: _fe, ...original } = file;
    assert.deepEqual(rest, original);
    const record = {
      ...RECORD,
      typeId: file.typeId,
      typeVersion: file.typeVersion,
      issuerDepartment: file.issuerDepartment,
    };
    assert.deepEqual(recordMismatches(issued, record), []);
  });
});
