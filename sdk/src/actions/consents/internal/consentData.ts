import type { Check } from "../../../utils/input.ts";
import type { ConsentData } from "./typedData.ts";

/** The checked `ConsentData` struct of a grant; `at` prefixes the parameter names (e.g. `consents[1].`). */
export function consentData(check: Check, data: ConsentData, at = ""): ConsentData {
  if (typeof data !== "object" || data === null) check.fail(at || "data", "expected a consent object", "应为授权对象");
  const fieldMask = check.bigUint(`${at}fieldMask`, data.fieldMask, 128);
  if (fieldMask === 0n) {
    check.fail(`${at}fieldMask`, "selects no field: name at least one (fieldMaskOf)", "未选择任何字段");
  }
  return {
    departmentId: check.departmentId(`${at}departmentId`, data.departmentId),
    licenceId: check.bytes32(`${at}licenceId`, data.licenceId, { nonZero: true }),
    fieldMask,
    purpose: check.bytes32(`${at}purpose`, data.purpose),
    expiresAt: check.uint(`${at}expiresAt`, data.expiresAt, 40, 1),
  };
}
