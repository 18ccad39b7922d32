import { Level } from "../../chain/enums.ts";
import type { DistrictLevel } from "../types.ts";

/** The data's level names as the registries' `Level`. */
export const LEVELS: Record<DistrictLevel, Level> = {
  national: Level.National,
  municipal: Level.Municipal,
  district: Level.District,
};
