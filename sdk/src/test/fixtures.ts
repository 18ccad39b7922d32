/** Shared test data for the licence tests (not part of the SDK's exports). */
import type { Address } from "viem";

import type { BuildLicenceParameters } from "../licence/build.ts";

/** Hardhat's second default account, as a checksummed address. */
export const HOLDER: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/** A six-field business-licence schema. */
export const FIELD_NAMES = [
  "holder",
  "name",
  "creditCode",
  "registeredAddress",
  "establishedOn",
  "legalRepresentative",
] as const;

/** Values of every field but `holder`. */
export const FIELDS = {
  name: "北京示例科技有限公司",
  creditCode: "91110108MA01XYZ123",
  registeredAddress: "北京市海淀区中关村大街1号",
  establishedOn: "2024-03-01",
  legalRepresentative: "张三丰",
} as const;

/** Parameters of a business licence issued by department 3. */
export function businessLicence(overrides: Partial<BuildLicenceParameters> = {}): BuildLicenceParameters {
  return {
    typeId: 1,
    typeVersion: 1,
    fieldNames: FIELD_NAMES,
    fields: { ...FIELDS },
    holder: HOLDER,
    issuerDepartment: 3,
    issuedAt: 1_735_689_600, // 2025-01-01T00:00:00Z
    expiresAt: 1_893_456_000, // 2030-01-01T00:00:00Z
    ...overrides,
  };
}

/** A fixed salt for test vectors (bytes 0x00..0x1f). */
export const FIXED_SALT = "0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" as const;

/** A deep copy through JSON, as a file read back from disk. */
export function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
