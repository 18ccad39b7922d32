/** The steps of `loadDistrict` that register departments and their restriction listers. */
import { registerDepartment } from "../../actions/departments/registerDepartment.ts";
import { setLister } from "../../actions/restrictions/setLister.ts";
import { readContract } from "../../chain/read.ts";
import { DepartmentKind } from "../../chain/enums.ts";
import { LEVELS } from "./levels.ts";
import type { DistrictLoad } from "./state.ts";

/** Registers the departments not on chain yet, with the officers and encryption keys the options give. */
export async function loadDepartments(load: DistrictLoad): Promise<void> {
  const { client, options, departmentIds, report } = load;
  await Promise.all(
    load.departments.map(async (d) => {
      if (departmentIds.has(d.code)) return report("department", d.code);
      const { departmentId, hash } = await registerDepartment(client, {
        code: d.code,
        name: d.name,
        level: LEVELS[d.level],
        kind: d.kind === "publicService" ? DepartmentKind.PublicService : DepartmentKind.Government,
        encryptionKey: await options.encryptionKeyOf(d.code),
        officers: await options.officersOf(d.code),
        threshold: d.threshold,
      });
      departmentIds.set(d.code, departmentId);
      report("department", d.code, hash);
    }),
  );
}

/** Allows the departments marked `restrictionLister` to list subjects on the restriction list. */
export async function loadListers(load: DistrictLoad): Promise<void> {
  const { client, departmentIds, report } = load;
  await Promise.all(
    load.departments
      .filter((d) => d.restrictionLister === true)
      .map(async (d) => {
        const departmentId = departmentIds.get(d.code)!;
        if (
          await readContract(client, { contract: "RestrictionList", functionName: "isLister", args: [departmentId] })
        ) {
          return report("lister", d.code);
        }
        report("lister", d.code, (await setLister(client, { departmentId, allowed: true })).hash);
      }),
  );
}
