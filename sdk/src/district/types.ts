/**
 * A district's data as kept in JSON (scripts/data/<district>/*.json): departments, licence types,
 * working calendars, condition flags, approval rules and service matters. Everything refers to
 * everything else by code (department codes, licence type codes, rule codes, matter codes), never
 * by chain id, so the same data loads into any deployment.
 */
import type { Address, Hash, Hex } from "viem";

import type { CalendarFile } from "../calendar/year.ts";

/** Administrative level, as written in the data. */
export type DistrictLevel = "national" | "municipal" | "district";

/** A department. Its officers and encryption key are given to `loadDistrict`, not kept here. */
export type DistrictDepartment = {
  /** Unique code, e.g. `"HD-SAMR"` (1..32 bytes). */
  code: string;
  /** Official name, e.g. `"海淀区市场监督管理局"`. */
  name: string;
  /** English name (for people; not on chain). */
  nameEn?: string | undefined;
  level: DistrictLevel;
  /** Default `government`; `publicService` for e.g. the power company. */
  kind?: "government" | "publicService" | undefined;
  /** Officers' signatures needed for a decision (m of n). */
  threshold: number;
  /** Demo key indexes for the seed script (not read by `loadDistrict`, which asks `officersOf`). */
  officers?: readonly number[] | undefined;
  /** Whether it may list subjects on restriction lists (e.g. the court). */
  restrictionLister?: boolean | undefined;
};

/** A licence type. */
export type DistrictLicenceType = {
  /** Unique code, e.g. `"BUSINESS_LICENCE"`. */
  code: string;
  name: string;
  level: DistrictLevel;
  /** Days from issue to expiry; 0 = no expiry. */
  defaultValidityDays: number;
  /** Codes of the departments that may issue it. */
  issuers: readonly string[];
  /** Field names in schema order; must include `holder`. */
  fieldNames: readonly string[];
};

/** An approval rule, deployed when a matter that needs it is registered. */
export type DistrictRule =
  | {
      code: string;
      kind: "holdsValidLicence";
      /** Code of the licence type the applicant must hold, valid. */
      licenceType: string;
    }
  | {
      code: string;
      kind: "notRestricted";
      /** The restriction list's code, e.g. `"COURT_DISHONEST_EXECUTOR"`. */
      listCode: string;
    }
  | {
      code: string;
      kind: "composite";
      mode: "allOf" | "anyOf";
      /** Codes of the rules combined, in evidence order. */
      rules: readonly string[];
    };

/** A step of a matter. */
export type DistrictStep = {
  /** Code of the deciding department. */
  department: string;
  /** Indexes of the earlier steps it waits for. */
  dependsOn?: readonly number[] | undefined;
  /** Statutory time limit in working days. */
  timeLimit: number;
  /** Code of a rule that may approve it at once. */
  rule?: string | undefined;
  /** Code of the licence type its department issues on completion (the output licence). */
  issues?: string | undefined;
  /** What the step is, for people (not on chain). */
  note?: string | undefined;
};

/** A material of a matter. */
export type DistrictMaterial =
  | {
      kind: "licence";
      /** Code of the licence type pulled from the chain. */
      licenceType: string;
      name: string;
      /** Names of the condition flags under which it is required (default: always). */
      condition?: readonly string[] | undefined;
      /** A department that must be able to read fields of it, and which fields (by name). */
      consent?: { department: string; fields?: readonly string[] | undefined } | undefined;
    }
  | {
      kind: "upload";
      name: string;
      /** Names of the condition flags under which it is required (default: always). */
      condition?: readonly string[] | undefined;
    };

/** A service matter (its first version). */
export type DistrictMatter = {
  /** Unique code, e.g. `"HD-VR-HALL"`. */
  code: string;
  /** Name, e.g. `"我要开VR体验馆"`. */
  name: string;
  /** English name (for people; not on chain). */
  nameEn?: string | undefined;
  steps: readonly DistrictStep[];
  materials: readonly DistrictMaterial[];
  /** Matters offered on completion, by code (registered first). */
  links?: readonly { matter: string; mode: "suggest" | "startOnConsent" }[] | undefined;
  /** In-person visits after the reform. */
  visits?: number | undefined;
  /** Figures before the reform. */
  baseline?: { materials: number; workingDays: number; visits: number } | undefined;
};

/** A district's data; every part is optional, so the data may be split over files. */
export type DistrictData = {
  departments?: readonly DistrictDepartment[] | undefined;
  licenceTypes?: readonly DistrictLicenceType[] | undefined;
  /** Working calendar years, as the calendar files (scripts/data/calendar/*.json). */
  calendars?: readonly CalendarFile[] | undefined;
  /** Condition flags of applications by name, e.g. `{ "HandledByAgent": 2 }`. */
  conditions?: Readonly<Record<string, number>> | undefined;
  rules?: readonly DistrictRule[] | undefined;
  matters?: readonly DistrictMatter[] | undefined;
};

/** Merges parts of a district's data (e.g. one JSON file each); later parts add to earlier ones. */
export function mergeDistrictData(...parts: readonly DistrictData[]): DistrictData {
  return {
    departments: parts.flatMap((p) => p.departments ?? []),
    licenceTypes: parts.flatMap((p) => p.licenceTypes ?? []),
    calendars: parts.flatMap((p) => p.calendars ?? []),
    conditions: Object.assign({}, ...parts.map((p) => p.conditions ?? {})) as Record<string, number>,
    rules: parts.flatMap((p) => p.rules ?? []),
    matters: parts.flatMap((p) => p.matters ?? []),
  };
}

/** One thing `loadDistrict` registered, or found already there. */
export type DistrictProgress = {
  kind: "department" | "licenceType" | "lister" | "calendar" | "rule" | "matter";
  /** Its code (a calendar: its year). */
  code: string;
  /** `created`: sent now; `skipped`: already on chain. */
  action: "created" | "skipped";
  /** The transaction, when created. */
  hash?: Hash | undefined;
};

export type LoadDistrictOptions = {
  /** The officers of a department (its threshold is in the data). */
  officersOf: (code: string) => readonly Address[] | Promise<readonly Address[]>;
  /** The compressed secp256k1 public key (33 bytes) a department's disclosures are encrypted to. */
  encryptionKeyOf: (code: string) => Hex | Promise<Hex>;
  /** Told of each department, licence type, lister, calendar year, rule and matter. */
  onProgress?: ((event: DistrictProgress) => void) | undefined;
  /** Rules already deployed, by code (not deployed again). */
  rules?: Readonly<Record<string, Address>> | undefined;
};

/** The chain ids of everything in the data, by code. */
export type LoadDistrictReturnType = {
  departments: Record<string, number>;
  licenceTypes: Record<string, number>;
  rules: Record<string, Address>;
  matters: Record<string, number>;
  /** Transactions and deployments sent. */
  created: number;
  /** Things found already on chain. */
  skipped: number;
};
