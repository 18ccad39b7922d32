export {
  getRestriction,
  type GetRestrictionParameters,
  type GetRestrictionReturnType,
  type Restriction,
} from "./getRestriction.ts";
export { isRestricted, type IsRestrictedParameters } from "./isRestricted.ts";
export { listSubject, type ListSubjectParameters, type ListSubjectReturnType } from "./listSubject.ts";
export { setLister, type SetListerParameters, type SetListerReturnType } from "./setLister.ts";
export type { RestrictionSubjectInput } from "./internal/subject.ts";
export {
  unlistByRegistrar,
  type UnlistByRegistrarParameters,
  type UnlistByRegistrarReturnType,
} from "./unlistByRegistrar.ts";
export { unlistSubject, type UnlistSubjectParameters, type UnlistSubjectReturnType } from "./unlistSubject.ts";
