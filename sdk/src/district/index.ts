export {
  loadDistrict,
  type DistrictProgress,
  type LoadDistrictOptions,
  type LoadDistrictReturnType,
} from "./loadDistrict.ts";
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
