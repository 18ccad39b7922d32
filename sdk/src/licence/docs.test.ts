import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { checkDisclosure, checkLicenceFile } from "./check.ts";
import { parseDisclosure } from "./disclosure-format.ts";
import { parseLicenceFile } from "./format.ts";

const doc = readFileSync(new URL("../../../docs/licence-format.md", import.meta.url), "utf8");
const jsonBlocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");

describe("docs/licence-format.md", () => {
  it("has a licence-file example that parses and checks", () => {
    const file = parseLicenceFile(jsonBlocks[0]);
    assert.deepEqual(checkLicenceFile(file), { ok: true, problems: [], alteredFields: [] });
    assert.ok(file.batch !== undefined);
  });

  it("has a disclosure example of that licence that parses and checks against its schema", () => {
    const file = parseLicenceFile(jsonBlocks[0]);
    const disclosure = parseDisclosure(jsonBlocks[1]);
    assert.equal(disclosure.licenceId, file.licenceId);
    assert.deepEqual(checkDisclosure(disclosure, { fieldNames: file.fieldNames }), {
      ok: true,
      problems: [],
      alteredFields: [],
    });
  });
});
