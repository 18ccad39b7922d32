/**
 * The catalogue's metadata document derived from the Haidian data: every fact from the data (no
 * copy), licence type names split by language, condition flags named; the hash is the same for
 * the same document whatever its key order; the schema refuses what is not a document.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { readHaidian } from "@onewindow/testkit/demo";

import { catalogueMetadataHash, catalogueMetadataOf, catalogueMetadataSchema, splitBilingualName } from "./metadata.ts";

describe("catalogue metadata", () => {
  const haidian = readHaidian();
  const document = catalogueMetadataOf(haidian.data);

  it("carries the data's English names, figures, sources, step notes and condition names", () => {
    assert.equal(catalogueMetadataSchema.safeParse(document).success, true);
    assert.equal(document.departments["HD-SAMR"]?.nameEn, "Haidian Administration for Market Regulation");
    const vr = document.matters["HD-VR-HALL"]!;
    assert.equal(vr.nameEn, "Open a VR experience hall");
    assert.equal(vr.figures, "article");
    assert.match(vr.source!, /Beijing Daily/);
    assert.equal(vr.stepNotes?.[0], "business registration");
    assert.equal(Object.keys(document.matters).length, haidian.matters.length);
    assert.deepEqual(document.licenceTypes.BUSINESS_LICENCE, { name: "营业执照", nameEn: "Business licence" });
    assert.deepEqual(
      document.conditions.find((c) => c.code === "HandledByAgent"),
      { bit: 2, code: "HandledByAgent", zh: "由代理人办理", en: "an agent applies for the applicant" },
    );
  });

  it("hashes the canonical JSON: key order does not matter, a changed name does", () => {
    const reordered = Object.fromEntries(Object.entries(document).reverse()) as typeof document;
    assert.notEqual(JSON.stringify(reordered), JSON.stringify(document));
    assert.equal(catalogueMetadataHash(reordered), catalogueMetadataHash(document));
    const changed = { ...document, departments: { ...document.departments, "HD-SAMR": { nameEn: "SAMR" } } };
    assert.notEqual(catalogueMetadataHash(changed), catalogueMetadataHash(document));
  });

  it("splits bilingual names and refuses what is not a document, naming the path", () => {
    assert.deepEqual(splitBilingualName("营业执照 Business licence"), { name: "营业执照", nameEn: "Business licence" });
    assert.deepEqual(splitBilingualName("营业执照"), { name: "营业执照" });
    const bad = catalogueMetadataSchema.safeParse({ ...document, conditions: [{ bit: 6, code: "X" }] });
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error?.issues[0]?.path, ["conditions", 0, "bit"]);
  });
});
