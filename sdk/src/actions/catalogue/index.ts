export * from "./internal/definition.ts";
export {
  decodeMatterVersion,
  dependencyIndexes,
  dependencyMask,
  encodeMatterVersion,
  materialWordsOf,
  packMaterialWord,
  packStepWord,
  stepWordsOf,
  unpackMaterialWord,
  unpackStepWord,
  type StoredVersion,
  type MatterVersionInput,
} from "./internal/encode.ts";
export { getMatter, type GetMatterParameters, type GetMatterReturnType } from "./getMatter.ts";
export { getMatterByCode, type GetMatterByCodeParameters, type GetMatterByCodeReturnType } from "./getMatterByCode.ts";
export {
  getMatterMaterials,
  type GetMatterMaterialsParameters,
  type GetMatterMaterialsReturnType,
} from "./getMatterMaterials.ts";
export { getMatterSteps, type GetMatterStepsParameters, type GetMatterStepsReturnType } from "./getMatterSteps.ts";
export { listMatters, type ListMattersParameters, type ListMattersReturnType } from "./listMatters.ts";
export {
  publishMatterVersion,
  type PublishMatterVersionParameters,
  type PublishMatterVersionReturnType,
} from "./publishMatterVersion.ts";
export type { MatterSummary } from "./internal/read.ts";
export { registerMatter, type RegisterMatterParameters, type RegisterMatterReturnType } from "./registerMatter.ts";
export { setMatterActive, type SetMatterActiveParameters, type SetMatterActiveReturnType } from "./setMatterActive.ts";
