import { secp256k1 } from "@noble/curves/secp256k1";
import type { Address, Hex } from "viem";

import { DepartmentKind, type Level } from "../../../chain/enums.ts";
import type { Check } from "../../../utils/input.ts";

/** Longest department code, in bytes (DepartmentRegistry.MAX_CODE_LENGTH). */
export const MAX_DEPARTMENT_CODE_BYTES = 32;
/** Longest department name, in UTF-8 bytes (DepartmentRegistry.MAX_NAME_LENGTH). */
export const MAX_DEPARTMENT_NAME_BYTES = 128;
/** Most officers of a department (DepartmentRegistry.MAX_OFFICERS). */
export const MAX_OFFICERS = 32;

/** A department's code, name, level, kind and key, as a registrar gives them. */
export type DepartmentInput = {
  /** Short unique code, e.g. `"HD-SAMR"` (1..32 bytes). */
  code: string;
  /** Official name, e.g. `"海淀区市场监督管理局"` (1..128 UTF-8 bytes). */
  name: string;
  level: Level;
  /** Default: government. */
  kind?: DepartmentKind | undefined;
  /** Compressed secp256k1 public key (33 bytes) that disclosures are encrypted to. */
  encryptionKey: Hex;
};

/** The checked `DepartmentInput` struct. */
export function departmentInput(check: Check, input: DepartmentInput) {
  const kind = input.kind ?? DepartmentKind.Government;
  if (!Object.values(DepartmentKind).includes(kind)) {
    check.fail(
      "kind",
      "expected DepartmentKind.Government (0) or DepartmentKind.PublicService (1)",
      "应为政府部门或公共服务单位",
    );
  }
  return {
    code: check.text("code", input.code, { maxBytes: MAX_DEPARTMENT_CODE_BYTES }),
    name: check.text("name", input.name, { maxBytes: MAX_DEPARTMENT_NAME_BYTES }),
    level: check.level("level", input.level),
    kind,
    encryptionKey: encryptionKey(check, input.encryptionKey),
  };
}

/** A compressed secp256k1 public key (33 bytes, prefix 0x02 or 0x03, on the curve). */
export function encryptionKey(check: Check, value: unknown): Hex {
  const key = check.hex("encryptionKey", value);
  const valid = (() => {
    if (key.length !== 68 || !/^0x0[23]/.test(key)) return false;
    try {
      secp256k1.ProjectivePoint.fromHex(key.slice(2)).assertValidity();
      return true;
    } catch {
      return false;
    }
  })();
  if (!valid) {
    check.fail(
      "encryptionKey",
      "expected a compressed secp256k1 public key: 33 bytes starting 0x02 or 0x03, a point on the curve",
      "应为 33 字节的压缩 secp256k1 公钥（以 0x02 或 0x03 开头）",
    );
  }
  return key.toLowerCase() as Hex;
}

/** Checked officers (1..32 distinct non-zero addresses) and threshold (1..officers). */
export function officersAndThreshold(check: Check, officers: unknown, threshold: unknown): [Address[], number] {
  const list = check.addresses("officers", officers, { min: 1, max: MAX_OFFICERS });
  const m = check.uint("threshold", threshold, 8, 1);
  if (m > list.length) {
    check.fail(
      "threshold",
      `${m} signatures needed but only ${list.length} officers`,
      `门限 ${m} 超过官员人数 ${list.length}`,
    );
  }
  return [list, m];
}
