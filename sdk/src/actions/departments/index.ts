export { departmentOf, type DepartmentOfParameters, type DepartmentOfReturnType } from "./departmentOf.ts";
export {
  getDepartment,
  type Department,
  type GetDepartmentParameters,
  type GetDepartmentReturnType,
} from "./getDepartment.ts";
export {
  getDepartmentByCode,
  type GetDepartmentByCodeParameters,
  type GetDepartmentByCodeReturnType,
} from "./getDepartmentByCode.ts";
export {
  MAX_DEPARTMENT_CODE_BYTES,
  MAX_DEPARTMENT_NAME_BYTES,
  MAX_OFFICERS,
  type DepartmentInput,
} from "./internal/input.ts";
export { listDepartments, type ListDepartmentsParameters, type ListDepartmentsReturnType } from "./listDepartments.ts";
export {
  registerDepartment,
  type RegisterDepartmentParameters,
  type RegisterDepartmentReturnType,
} from "./registerDepartment.ts";
export { renounceOfficer, type RenounceOfficerReturnType } from "./renounceOfficer.ts";
export {
  setDepartmentActive,
  type SetDepartmentActiveParameters,
  type SetDepartmentActiveReturnType,
} from "./setDepartmentActive.ts";
export { setOfficers, type SetOfficersParameters, type SetOfficersReturnType } from "./setOfficers.ts";
export {
  updateDepartment,
  type UpdateDepartmentParameters,
  type UpdateDepartmentReturnType,
} from "./updateDepartment.ts";
export { getSealKeys, type GetSealKeysParameters, type GetSealKeysReturnType, type SealKey } from "./getSealKeys.ts";
export { setSealKey, type SetSealKeyParameters, type SetSealKeyReturnType } from "./setSealKey.ts";
