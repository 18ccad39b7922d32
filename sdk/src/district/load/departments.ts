/** The steps of `applyDistrictPlan` that register and change departments and their restriction listers. */
import { encodeFunctionData, type Hash } from "viem";

import { getDepartmentByCode } from "../../actions/departments/getDepartmentByCode.ts";
import { registerDepartment } from "../../actions/departments/registerDepartment.ts";
import { setDepartmentActive } from "../../actions/departments/setDepartmentActive.ts";
import { setOfficers } from "../../actions/departments/setOfficers.ts";
import { setSealKey } from "../../actions/departments/setSealKey.ts";
import { updateDepartment } from "../../actions/departments/updateDepartment.ts";
import { setLister } from "../../actions/restrictions/setLister.ts";
import { ABIS } from "../../chain/contracts.ts";
import { DepartmentKind } from "../../chain/enums.ts";
import { readContract } from "../../chain/read.ts";
import { writeContract } from "../../chain/write.ts";
import type { DistrictChange } from "../types.ts";
import { callOf } from "./diff.ts";
import { LEVELS } from "./levels.ts";
import type { DistrictLoad } from "./state.ts";

/** Registers the departments the plan adds, with the officers and encryption keys the options give. */
export async function loadDepartments(load: DistrictLoad): Promise<void> {
  const { client, departmentIds, report } = load;
  const planned = new Set(load.changes.filter((c) => c.kind === "department" && c.action === "add").map((c) => c.code));
  await Promise.all(
    load.departments.map(async (d) => {
      if (!planned.has(d.code)) return departmentIds.has(d.code) ? report("department", d.code) : undefined;
      const { departmentId, hash } = await registerDepartment(client, {
        code: d.code,
        name: d.name,
        level: LEVELS[d.level],
        kind: d.kind === "publicService" ? DepartmentKind.PublicService : DepartmentKind.Government,
        encryptionKey: load.encryptionKeys.get(d.code)!,
        officers: load.officers.get(d.code)!,
        threshold: d.threshold,
      });
      departmentIds.set(d.code, departmentId);
      report("department", d.code, hash);
    }),
  );
}

/**
 * Makes the plan's changes to departments on chain: name, level, kind and key; officers and
 * threshold; deactivation and reactivation. A change behind an AccessManager execution delay is
 * scheduled (or executed, when the plan says it is due).
 */
export async function updateDepartments(load: DistrictLoad): Promise<void> {
  const { client, reportUpdate } = load;
  await Promise.all(
    load.changes
      .filter((c) => (c.kind === "department" && c.action !== "add") || c.kind === "officers")
      .map(async (c) => {
        if (c.delay > 0) return scheduleOrExecute(load, c);
        const d = load.departments.find((x) => x.code === c.code);
        const departmentId =
          load.departmentIds.get(c.code) ??
          (await readContract(client, {
            contract: "DepartmentRegistry",
            functionName: "departmentIdByCode",
            args: [c.code],
          }));
        let hash: Hash;
        if (c.kind === "officers") {
          ({ hash } = await setOfficers(client, {
            departmentId,
            officers: c.officers!.to,
            threshold: d!.threshold,
          }));
        } else if (c.action === "update") {
          const chain = (await getDepartmentByCode(client, { code: c.code }))!;
          ({ hash } = await updateDepartment(client, {
            departmentId,
            code: d!.code,
            name: d!.name,
            level: LEVELS[d!.level],
            kind: d!.kind === "publicService" ? DepartmentKind.PublicService : DepartmentKind.Government,
            encryptionKey: load.encryptionKeys.get(c.code) ?? chain.encryptionKey,
          }));
        } else {
          ({ hash } = await setDepartmentActive(client, { departmentId, active: c.action !== "deactivate" }));
        }
        reportUpdate(c.kind, c.code, hash);
      }),
  );
}

/** Schedules a delayed department change through the AccessManager, or executes it when due. */
async function scheduleOrExecute(load: DistrictLoad, c: DistrictChange): Promise<void> {
  const { client } = load;
  const call = callOf(load, c);
  const target = client.addresses[call.contract];
  const data = encodeFunctionData({
    abi: ABIS[call.contract],
    functionName: call.functionName,
    args: call.args,
  } as never);
  if (c.action === "execute") {
    const { hash } = await writeContract(client, {
      contract: "AccessManager",
      functionName: "execute",
      args: [target, data],
    });
    return load.reportUpdate(c.kind, c.code, hash);
  }
  const { hash } = await writeContract(client, {
    contract: "AccessManager",
    functionName: "schedule",
    args: [target, data, 0],
  });
  const operationId = await readContract(client, {
    contract: "AccessManager",
    functionName: "hashOperation",
    args: [client.wallet!.account.address, target, data],
  });
  const executableAt = await readContract(client, {
    contract: "AccessManager",
    functionName: "getSchedule",
    args: [operationId],
  });
  load.reportUpdate(c.kind, c.code, hash, executableAt);
}

/**
 * Registers the seal keys the plan names (after the departments: a new department's first key
 * needs its id). A key behind an AccessManager execution delay is scheduled, or executed when due.
 */
export async function loadSealKeys(load: DistrictLoad): Promise<void> {
  await Promise.all(
    load.changes
      .filter((c) => c.kind === "sealKey")
      .map(async (c) => {
        if (c.delay > 0) return scheduleOrExecute(load, c);
        const departmentId = load.departmentIds.get(c.code)!;
        const { hash } = await setSealKey(load.client, { departmentId, publicKey: c.sealKey!.to });
        if (c.action === "add") load.report("sealKey", c.code, hash);
        else load.reportUpdate("sealKey", c.code, hash);
      }),
  );
}

/** Allows the departments the plan names to list subjects on the restriction list. */
export async function loadListers(load: DistrictLoad): Promise<void> {
  const { client, departmentIds, report } = load;
  const planned = new Set(load.changes.filter((c) => c.kind === "lister").map((c) => c.code));
  await Promise.all(
    load.departments
      .filter((d) => d.restrictionLister === true)
      .map(async (d) => {
        if (!planned.has(d.code)) return report("lister", d.code);
        const departmentId = departmentIds.get(d.code)!;
        report("lister", d.code, (await setLister(client, { departmentId, allowed: true })).hash);
      }),
  );
}
