/** The step of `loadDistrict` that registers licence types. */
import { registerLicenceType } from "../../actions/licence-types/registerLicenceType.ts";
import { SECONDS_PER_DAY } from "../../calendar/days.ts";
import { LEVELS } from "./levels.ts";
import type { DistrictLoad } from "./state.ts";

/** Registers the licence types not on chain yet, issued by the departments they name. */
export async function loadLicenceTypes(load: DistrictLoad): Promise<void> {
  const { client, departmentIds, typeIds, report } = load;
  await Promise.all(
    load.licenceTypes.map(async (t) => {
      if (typeIds.has(t.code)) return report("licenceType", t.code);
      const { typeId, hash } = await registerLicenceType(client, {
        code: t.code,
        name: t.name,
        level: LEVELS[t.level],
        defaultValidity: t.defaultValidityDays * SECONDS_PER_DAY,
        fieldNames: t.fieldNames,
        issuers: t.issuers.map((code) => departmentIds.get(code)!),
      });
      typeIds.set(t.code, typeId);
      report("licenceType", t.code, hash);
    }),
  );
}
