export {
  loadDistrict,
  type DistrictProgress,
  type LoadDistrictOptions,
  type LoadDistrictReturnType,
} from "./loadDistrict.ts";
export {
  planDistrict,
  type DistrictChange,
  type DistrictPlan,
  type DistrictRefusal,
  type PlanDistrictOptions,
} from "./planDistrict.ts";
export { applyDistrictPlan, type ApplyDistrictPlanOptions } from "./applyDistrictPlan.ts";
export {
  mergeDistrictData,
  type DistrictData,
  type DistrictDepartment,
  type DistrictLevel,
  type DistrictLicenceType,
  type DistrictMaterial,
  type DistrictMatter,
  type DistrictRule,
  type DistrictStep,
} from "./types.ts";
export {
  CHANGE_ACTION,
  CHANGE_KIND,
  describeChange,
  describePending,
  describePlan,
  describeRefusal,
  PROGRESS_ACTION,
  utcText,
  type TimeText,
} from "./describe.ts";
export {
  canonicalJson,
  catalogueMetadataHash,
  catalogueMetadataMessage,
  catalogueMetadataOf,
  catalogueMetadataSchema,
  isCatalogueEditor,
  signCatalogueMetadata,
  splitBilingualName,
  verifyCatalogueMetadata,
  type CatalogueMetadata,
  type SignedCatalogueMetadata,
  type VerifiedCatalogueMetadata,
} from "./metadata.ts";
