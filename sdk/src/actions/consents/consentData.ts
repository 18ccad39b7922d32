import type { Check } from "../input.ts";
import type { ConsentData } from "./typedData.ts";

/** The checked `ConsentData` struct of a grant. */
export function consentData(check: Check, data: ConsentData): ConsentData {
  const fieldMask = check.bigUint("fieldMask", data.fieldMask, 128);
  if (fieldMask === 0n) {
    check.fail("fieldMask", "selects no field: name at least one (fieldMaskOf)", "未选择任何字段");
  }
  return {
    departmentId: check.departmentId("departmentId", data.departmentId),
    licenceId: check.bytes32("licenceId", data.licenceId, { nonZero: true }),
    fieldMask,
    purpose: check.bytes32("purpose", data.purpose),
    expiresAt: check.uint("expiresAt", data.expiresAt, 40, 1),
  };
}
