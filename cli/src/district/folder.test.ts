import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";

import { InputError } from "../exit-codes.ts";
import { readDistrictFolder } from "./folder.ts";
import { SCHEMA_FILE, schemaText } from "./schema-file.ts";

const HAIDIAN = path.resolve(import.meta.dirname, "../../../scripts/data/haidian");

describe("district folder", () => {
  it("the published JSON Schema is the one the zod schemas make (npm run schema --workspace cli)", () => {
    assert.deepEqual(JSON.parse(readFileSync(SCHEMA_FILE, "utf8")), JSON.parse(schemaText()));
  });

  it("reads the Haidian demo district", () => {
    const folder = readDistrictFolder(HAIDIAN);
    assert.ok((folder.data.departments ?? []).length > 10);
    assert.ok((folder.data.matters ?? []).length > 10);
    assert.equal(folder.officers.size, 0);
  });

  it("a file out of the format is an input error naming the file and the JSON path", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "district-"));
    mkdirSync(path.join(dir, "calendars"));
    writeFileSync(
      path.join(dir, "matters.json"),
      JSON.stringify({
        matters: [{ code: "M", name: "事项", steps: [{ department: "D", timeLimit: 0 }], materials: [] }],
      }),
    );
    assert.throws(
      () => readDistrictFolder(dir),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.match(error.messages.en, /matters\.json/);
        assert.match(error.messages.en, /\$\.matters\[0\]\.steps\[0\]\.timeLimit/);
        assert.match(error.messages.zh, /不符合辖区数据格式/);
        return true;
      },
    );
    writeFileSync(path.join(dir, "matters.json"), "{}");
    writeFileSync(path.join(dir, "officers.json"), JSON.stringify({ departments: { D: { officers: ["0x123"] } } }));
    assert.throws(() => readDistrictFolder(dir), /\$\.matters: /);
  });
});
