import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { InvalidParameterError } from "@onewindow/sdk";

import { ExitCode, exitCodeOf } from "./exit-codes.ts";

describe("exit codes", () => {
  it("a check the SDK made before sending exits 7 (checked, nothing sent), not 4 (refused by a contract)", () => {
    const checked = new InvalidParameterError({ action: "registerDepartment", parameter: "code", reason: "too long" });
    assert.equal(exitCodeOf(checked), ExitCode.Checked);
    assert.equal(ExitCode.Checked, 7);
    assert.match(checked.messages.en, /nothing was sent/);
  });
});
