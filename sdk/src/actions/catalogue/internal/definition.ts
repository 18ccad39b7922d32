/**
 * Service matters in readable form: what a catalogue editor writes (department ids, the indexes of
 * the steps a step waits for, time limits in working days, material kinds by name), and what the
 * catalogue actions decode back from the chain. See `encode.ts` for the one encoder between this
 * form and the contract's structs and packed words.
 */
import type { Address } from "viem";

/** Longest matter code, in bytes (ServiceCatalog.MAX_CODE_LENGTH). */
export const MAX_MATTER_CODE_BYTES = 48;
/** Longest matter or material name, in UTF-8 bytes (ServiceCatalog.MAX_NAME_LENGTH). */
export const MAX_MATTER_NAME_BYTES = 128;
/** Most steps per version (ServiceCatalog.MAX_STEPS; the engine keeps step masks in 16 bits). */
export const MAX_MATTER_STEPS = 16;
/** Most materials per version (ServiceCatalog.MAX_MATERIALS). */
export const MAX_MATTER_MATERIALS = 64;
/** Most linked matters per version (ServiceCatalog.MAX_LINKS). */
export const MAX_MATTER_LINKS = 8;
/** Longest statutory time limit of a step, in working days (ServiceCatalog.MAX_TIME_LIMIT). */
export const MAX_STEP_TIME_LIMIT = 1000;

/** One department step of a matter's approval flow. */
export type StepDefinition = {
  /** DepartmentRegistry id of the deciding department. */
  departmentId: number;
  /** Indexes of the earlier steps that must be approved before this one starts (default: none). */
  dependsOn?: readonly number[] | undefined;
  /** Statutory time limit in working days, counted from the step's activation (1..1000). */
  timeLimit: number;
  /** An `IApprovalRule` that may approve the step at once (see the rules actions). */
  rule?: Address | undefined;
  /**
   * The licence type (LicenceTypeRegistry id) this step's department issues when the application
   * completes: the matter's output licence. At most one step issues.
   */
  issues?: number | undefined;
};

/** Who must be able to read fields of a licence material (a consent the applicant grants). */
export type MaterialConsentDefinition = {
  /** DepartmentRegistry id of the reading department. */
  departmentId: number;
  /** Fields it reads: bit i = field i of the licence type (default: none named). */
  fieldMask?: bigint | undefined;
};

/** A licence pulled from the chain: the applicant presents a licence of this type. */
export type LicenceMaterialDefinition = {
  kind: "licence";
  /** LicenceTypeRegistry id. */
  licenceTypeId: number;
  /** Name shown to the applicant, e.g. `"营业执照"`. */
  name: string;
  /** Condition flags: required only when the application's flags share a bit; 0 or absent = always. */
  condition?: number | undefined;
  consent?: MaterialConsentDefinition | undefined;
};

/** A document the applicant uploads to the exchange; only its content hash goes on chain. */
export type UploadMaterialDefinition = {
  kind: "upload";
  /** Name shown to the applicant, e.g. `"消防安全检查合格证明"`. */
  name: string;
  /** Condition flags: required only when the application's flags share a bit; 0 or absent = always. */
  condition?: number | undefined;
};

/** One required material. */
export type MaterialDefinition = LicenceMaterialDefinition | UploadMaterialDefinition;

/** What happens with a linked matter on completion. */
export type LinkModeName = "suggest" | "startOnConsent";

/** A matter offered on completion of this one. */
export type LinkDefinition = {
  /** ServiceCatalog id of the linked matter (registered before this version). */
  matterId: number;
  /** `suggest`: the holder is told (proactive push); `startOnConsent`: a second party may start it with the holder's signed consent. */
  mode: LinkModeName;
};

/** Figures before the reform, for the savings KPIs. */
export type BaselineDefinition = {
  /** Materials required before. */
  materials: number;
  /** Statutory working days before. */
  workingDays: number;
  /** In-person visits before. */
  visits: number;
};

/** One version of a matter, readable. */
export type MatterVersionDefinition = {
  /** 1..16 steps; a step depends only on steps listed before it. */
  steps: readonly StepDefinition[];
  /** 0..64 materials, in the order applications refer to them by index. */
  materials: readonly MaterialDefinition[];
  /** Linked matters (default none). */
  links?: readonly LinkDefinition[] | undefined;
  /** In-person visits required after the reform (default 0). */
  visits?: number | undefined;
  /** Figures before the reform (default all 0 = not given). */
  baseline?: BaselineDefinition | undefined;
};

/** A matter as registered: its code, name and first version. */
export type MatterDefinition = MatterVersionDefinition & {
  /** Unique code, e.g. `"HD-VR-HALL"` (1..48 bytes). */
  code: string;
  /** Name, e.g. `"我要开VR体验馆"` (1..128 UTF-8 bytes). */
  name: string;
};

/** A step of a stored version, decoded from its packed word. */
export type MatterStepInfo = {
  /** Step index. */
  index: number;
  departmentId: number;
  /** Indexes of the steps it waits for, ascending. */
  dependsOn: number[];
  /** Working days. */
  timeLimit: number;
  /** Rule address, absent if none. */
  rule?: Address | undefined;
  /** Whether this step names the matter's output licence. */
  isOutput: boolean;
};

/** A material of a stored version, decoded, with its index. */
export type MatterMaterial = MaterialDefinition & { index: number };
