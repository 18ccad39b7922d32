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
  /** Where its before/after figures come from: quoted from `source` (`article`) or `illustrative` (not on chain). */
  figures?: "article" | "illustrative" | undefined;
  /** The source its figures are quoted from (not on chain). */
  source?: string | undefined;
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
  /** The condition flags' names for people, by flag name (not on chain). */
  conditionNames?: Readonly<Record<string, { zh?: string | undefined; en?: string | undefined }>> | undefined;
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
    conditionNames: Object.assign({}, ...parts.map((p) => p.conditionNames ?? {})) as NonNullable<
      DistrictData["conditionNames"]
    >,
    rules: parts.flatMap((p) => p.rules ?? []),
    matters: parts.flatMap((p) => p.matters ?? []),
  };
}

/** One thing `loadDistrict` or `applyDistrictPlan` did, or found already there. */
export type DistrictProgress = {
  kind: "department" | "officers" | "sealKey" | "licenceType" | "lister" | "calendar" | "rule" | "matter";
  /** Its code (a calendar: its year). */
  code: string;
  /**
   * `created`: registered or deployed now; `updated`: changed now (a new version, new officers,
   * deactivated, …); `scheduled`: sent to the AccessManager, to be executed from `executableAt`;
   * `skipped`: already on chain as the data says.
   */
  action: "created" | "updated" | "scheduled" | "skipped";
  /** The transaction, unless skipped. */
  hash?: Hash | undefined;
  /** For a scheduled change: from when it can be executed (Unix seconds). */
  executableAt?: number | undefined;
};

export type LoadDistrictOptions = {
  /**
   * The officers of a department (its threshold is in the data). `undefined` for a department on
   * chain keeps its officers; a new department needs them.
   */
  officersOf: (code: string) => readonly Address[] | undefined | Promise<readonly Address[] | undefined>;
  /**
   * The compressed secp256k1 public key (33 bytes) a department's disclosures are encrypted to.
   * `undefined` for a department on chain keeps its key; a new department needs one.
   */
  encryptionKeyOf: (code: string) => Hex | undefined | Promise<Hex | undefined>;
  /**
   * The SM2 public key (65 bytes, 0x04 ‖ x ‖ y) the department seals licences with (docs/seal.md).
   * A key other than the department's current one is registered (`setSealKey`; the earlier keys
   * stay in the history). `undefined` (or no function) leaves the department's seal keys as they are.
   */
  sealKeyOf?: ((code: string) => Hex | undefined | Promise<Hex | undefined>) | undefined;
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
  /** Changes sent to things already on chain (new versions, officers, …) and changes scheduled. */
  updated: number;
  /** Things found already on chain. */
  skipped: number;
};

/** What {@link planDistrict} needs beside the data: {@link LoadDistrictOptions} without progress, and more. */
export type PlanDistrictOptions = Omit<LoadDistrictOptions, "onProgress"> & {
  /**
   * Deactivate what is on chain but absent from the data: matters (`setMatterActive` false),
   * licence types (`deactivateType`) and departments (`setDepartmentActive` false). Default false:
   * the data then only adds and changes (as when it is split over several folders).
   */
  deactivateAbsent?: boolean | undefined;
  /**
   * Departments already on chain keep their officers and encryption key:
   * `officersOf` and `encryptionKeyOf` serve only new departments. Default false (they are
   * compared, and changed officers planned); `loadDistrict` sets it.
   */
  keepOfficers?: boolean | undefined;
  /**
   * The account that will apply the plan (default: the client's account), to read its
   * AccessManager execution delays; a change behind a delay is scheduled, not sent.
   */
  caller?: Address | undefined;
};

/** One change a plan makes. */
export type DistrictChange = {
  kind: DistrictProgress["kind"];
  /** Its code (a calendar: its year). */
  code: string;
  /**
   * `add`: register (or deploy, or set a calendar year, or allow a lister); `newVersion`: publish a
   * new version (a matter's steps, materials, … or a licence type's schema); `update`: a
   * department's name, level, kind or encryption key, or a new seal key (`sealKey`, which also
   * `add`s a department's first); `setOfficers`: a department's officers and
   * threshold; `deactivate` / `reactivate`; `execute`: run a change scheduled earlier, now due.
   */
  action: "add" | "newVersion" | "update" | "setOfficers" | "deactivate" | "reactivate" | "execute";
  /** What differs from the chain, for people: field names (`steps`, `materials`, `fieldNames`, …). */
  fields: readonly string[];
  /** For `setOfficers`: who is added and removed, and the threshold before and after. */
  officers?:
    | {
        added: readonly Address[];
        removed: readonly Address[];
        threshold: { from: number; to: number };
        /** The whole new set of officers. */
        to: readonly Address[];
      }
    | undefined;
  /** For `sealKey`: the department's current seal key (none yet: `undefined`) and the one registered. */
  sealKey?: { from: Hex | undefined; to: Hex } | undefined;
  /**
   * The applying account's AccessManager execution delay for this change, in seconds (0: sent at
   * once). Above 0, `applyDistrictPlan` schedules it, and it can be executed from `executableAt`.
   */
  delay: number;
  /** For a delayed change: the earliest time it can be executed if scheduled now (Unix seconds). */
  executableAt?: number | undefined;
};

/** A change the plan cannot make, and why (Chinese and English). */
export type DistrictRefusal = {
  kind: DistrictProgress["kind"];
  code: string;
  reason: { zh: string; en: string };
};

/** What applying a district's data would change on chain. Made by {@link planDistrict}. */
export type DistrictPlan = {
  /** The changes, in the order they are applied. */
  changes: DistrictChange[];
  /** Changes scheduled earlier (through the AccessManager) and not yet executable. */
  pending: (DistrictChange & { executableAt: number })[];
  /** Changes the data asks for that cannot be made; a plan with any is not applied. */
  refused: DistrictRefusal[];
  /** Things in the data that are on chain as the data says. */
  unchanged: number;
  /** The data and options planned for (apply checks the chain still gives the same plan). */
  data: DistrictData;
  options: PlanDistrictOptions;
  /** When the plan was made (chain time, Unix seconds). */
  at: number;
};

/** What {@link applyDistrictPlan} needs beside the plan. */
export type ApplyDistrictPlanOptions = {
  /** Told of each change as it is sent (and of each thing skipped). */
  onProgress?: ((event: DistrictProgress) => void) | undefined;
};
