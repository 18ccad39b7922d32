export {
  ADMIN_ACTIONS,
  durationText,
  getAdminAbilities,
  PLATFORM_ROLE_NAMES,
  PlatformRole,
  platformRoleName,
  type AdminAbility,
  type AdminActionId,
  type GetAdminAbilitiesReturnType,
  type HeldRole,
} from "./roles.ts";
export {
  cancelScheduledOperation,
  executeScheduledOperation,
  listScheduledOperations,
  type ScheduledOperation,
} from "./scheduled.ts";
export {
  CONDITION_FLAGS,
  conditionFlagsOf,
  districtDepartmentOf,
  districtLicenceTypeOf,
  districtMatterOf,
  levelName,
  type DistrictMatterOnChain,
} from "./fromChain.ts";
