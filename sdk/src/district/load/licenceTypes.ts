/** The steps of `applyDistrictPlan` that register licence types, publish their versions and deactivate them. */
import { deactivateLicenceType } from "../../actions/licence-types/deactivateLicenceType.ts";
import { publishLicenceTypeVersion } from "../../actions/licence-types/publishLicenceTypeVersion.ts";
import { registerLicenceType } from "../../actions/licence-types/registerLicenceType.ts";
import { SECONDS_PER_DAY } from "../../calendar/days.ts";
import { readContract } from "../../chain/read.ts";
import { LEVELS } from "./levels.ts";
import type { DistrictLoad } from "./state.ts";

/** Registers the licence types the plan adds, issued by the departments they name. */
export async function loadLicenceTypes(load: DistrictLoad): Promise<void> {
  const { client, departmentIds, typeIds, report } = load;
  const planned = new Set(
    load.changes.filter((c) => c.kind === "licenceType" && c.action === "add").map((c) => c.code),
  );
  await Promise.all(
    load.licenceTypes.map(async (t) => {
      if (!planned.has(t.code)) return typeIds.has(t.code) ? report("licenceType", t.code) : undefined;
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

/** Publishes the plan's new licence type versions and deactivates the types it names. */
export async function updateLicenceTypes(load: DistrictLoad): Promise<void> {
  const { client, departmentIds, typeIds, reportUpdate } = load;
  await Promise.all(
    load.changes
      .filter((c) => c.kind === "licenceType" && c.action !== "add")
      .map(async (c) => {
        const typeId =
          typeIds.get(c.code) ??
          (await readContract(client, {
            contract: "LicenceTypeRegistry",
            functionName: "typeIdByCode",
            args: [c.code],
          }));
        if (c.action === "deactivate") {
          return reportUpdate("licenceType", c.code, (await deactivateLicenceType(client, { typeId })).hash);
        }
        const t = load.licenceTypes.find((x) => x.code === c.code)!;
        const { hash } = await publishLicenceTypeVersion(client, {
          typeId,
          level: LEVELS[t.level],
          defaultValidity: t.defaultValidityDays * SECONDS_PER_DAY,
          fieldNames: t.fieldNames,
          issuers: t.issuers.map((code) => departmentIds.get(code)!),
        });
        reportUpdate("licenceType", c.code, hash);
      }),
  );
}
