import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { encodeAbiParameters, keccak256, parseAbiParameters } from "viem";

import { RestrictionSubjectError } from "../errors/licence.ts";
import { normaliseIdNumber, RESTRICTION_SUBJECT_TAG, restrictionSubject } from "./subject.ts";

describe("restrictionSubject", () => {
  it("is keccak256(abi.encode(tag, listCode, idType, idNumber)) of the normalised id", () => {
    const expected = keccak256(
      encodeAbiParameters(parseAbiParameters("string, string, string, string"), [
        "onewindow.restriction.v1",
        "COURT_DISHONEST_EXECUTOR",
        "RESIDENT_ID",
        "11010119900307777X",
      ]),
    );
    assert.equal(RESTRICTION_SUBJECT_TAG, "onewindow.restriction.v1");
    assert.equal(restrictionSubject("COURT_DISHONEST_EXECUTOR", "RESIDENT_ID", "11010119900307777X"), expected);
    assert.equal(expected, "0xfbf9055e878b7f11317f886ff8938993078f25862594e269011d272b85d32a7f");
  });

  it("trims and upper-cases the id number", () => {
    const subject = restrictionSubject("COURT_DISHONEST_EXECUTOR", "RESIDENT_ID", "11010119900307777X");
    assert.equal(restrictionSubject("COURT_DISHONEST_EXECUTOR", "RESIDENT_ID", " 11010119900307777x\n"), subject);
    assert.equal(restrictionSubject("COURT_DISHONEST_EXECUTOR", "RESIDENT_ID", "\u300011010119900307777x"), subject);
    assert.equal(normaliseIdNumber(" 91110108ma01xyz123 "), "91110108MA01XYZ123");
  });

  it("differs by list and by id type", () => {
    const subject = restrictionSubject("COURT_DISHONEST_EXECUTOR", "RESIDENT_ID", "11010119900307777X");
    assert.notEqual(restrictionSubject("CREDIT_RESTRICTION", "RESIDENT_ID", "11010119900307777X"), subject);
    assert.notEqual(restrictionSubject("COURT_DISHONEST_EXECUTOR", "PASSPORT", "11010119900307777X"), subject);
  });

  it("errors on an empty part or a code with surrounding spaces", () => {
    assert.throws(() => restrictionSubject("", "RESIDENT_ID", "1"), RestrictionSubjectError);
    assert.throws(() => restrictionSubject("COURT", " RESIDENT_ID", "1"), /surrounding white space/);
    assert.throws(() => restrictionSubject("COURT", "RESIDENT_ID", "   "), /idNumber is empty/);
  });
});
