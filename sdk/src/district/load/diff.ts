/**
 * The step of `planDistrict` that compares the data with the chain: what is added, what gets a
 * new version, what is updated, deactivated or reactivated, and what cannot be done and why.
 */
import { encodeFunctionData, getAbiItem, toFunctionSelector, type Abi, type AbiFunction, type Address } from "viem";

import { getMatterByCode } from "../../actions/catalogue/getMatterByCode.ts";
import { encodeMatterVersion } from "../../actions/catalogue/internal/encode.ts";
import { listMatters } from "../../actions/catalogue/listMatters.ts";
import { getCalendarYear } from "../../actions/calendar/getCalendarYear.ts";
import { getDepartmentByCode } from "../../actions/departments/getDepartmentByCode.ts";
import { getSealKeys } from "../../actions/departments/getSealKeys.ts";
import { listDepartments } from "../../actions/departments/listDepartments.ts";
import { getLicenceTypeByCode } from "../../actions/licence-types/getLicenceTypeByCode.ts";
import { listLicenceTypes } from "../../actions/licence-types/listLicenceTypes.ts";
import { SECONDS_PER_DAY } from "../../calendar/days.ts";
import { parseCalendarFile } from "../../calendar/year.ts";
import { DepartmentKind } from "../../chain/enums.ts";
import { ABIS } from "../../chain/contracts.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";
import type { DistrictChange, DistrictMatter, DistrictPlan, DistrictRefusal } from "../types.ts";
import { sameDates } from "./calendars.ts";
import { LEVELS } from "./levels.ts";
import { PLACEHOLDER_RULE, resolvedDefinition } from "./matters.ts";
import { rulesToDeploy } from "./rules.ts";
import type { DistrictLoad } from "./state.ts";

/** Matters read per call when listing the whole catalogue. */
const MATTER_PAGE = 100;

/** The changes, refusals and count of unchanged things, from the load's data and the chain. */
export async function diffDistrict(
  load: DistrictLoad,
  options: { deactivateAbsent: boolean; keepOfficers: boolean; caller: Address | undefined; now: number },
): Promise<Pick<DistrictPlan, "changes" | "pending" | "refused" | "unchanged">> {
  const { client } = load;
  const changes: DistrictChange[] = [];
  const refused: DistrictRefusal[] = [];
  let unchanged = 0;
  const change = (c: Omit<DistrictChange, "delay">) => changes.push({ ...c, delay: 0 });
  const refuse = (kind: DistrictRefusal["kind"], code: string, en: string, zh: string) =>
    refused.push({ kind, code, reason: { zh, en } });

  // Departments: new ones, then name/level/kind/key, officers and threshold, active.
  for (const d of load.departments) {
    const given = !(options.keepOfficers && load.departmentIds.has(d.code));
    const officers = given ? load.officers.get(d.code) : undefined;
    const key = given ? load.encryptionKeys.get(d.code) : undefined;
    if (!load.departmentIds.has(d.code)) {
      if (officers === undefined || officers.length === 0) {
        refuse(
          "department",
          d.code,
          `department ${d.code} is new but no officers are given for it: name them (officers.json)`,
          `部门 ${d.code} 为新部门，但未给出其审批人：请在 officers.json 中列出`,
        );
      } else if (key === undefined) {
        refuse(
          "department",
          d.code,
          `department ${d.code} is new but no encryption key is given for it: add it (officers.json)`,
          `部门 ${d.code} 为新部门，但未给出其加密公钥：请在 officers.json 中填写`,
        );
      } else change({ kind: "department", code: d.code, action: "add", fields: [] });
      continue;
    }
    const chain = (await getDepartmentByCode(client, { code: d.code }))!;
    const fields = [
      chain.name !== d.name ? "name" : "",
      chain.level !== LEVELS[d.level] ? "level" : "",
      chain.kind !== (d.kind === "publicService" ? DepartmentKind.PublicService : DepartmentKind.Government)
        ? "kind"
        : "",
      key !== undefined && key.toLowerCase() !== chain.encryptionKey.toLowerCase() ? "encryptionKey" : "",
    ].filter(Boolean);
    if (fields.length > 0) change({ kind: "department", code: d.code, action: "update", fields });
    const wanted = officers ?? chain.officers;
    const lower = (list: readonly Address[]) => new Set(list.map((a) => a.toLowerCase()));
    const had = lower(chain.officers);
    const want = lower(wanted);
    const added = wanted.filter((a) => !had.has(a.toLowerCase()));
    const removed = chain.officers.filter((a) => !want.has(a.toLowerCase()));
    if (added.length > 0 || removed.length > 0 || chain.threshold !== d.threshold) {
      change({
        kind: "officers",
        code: d.code,
        action: "setOfficers",
        fields: [
          ...(added.length > 0 || removed.length > 0 ? ["officers"] : []),
          ...(chain.threshold !== d.threshold ? ["threshold"] : []),
        ],
        officers: { added, removed, threshold: { from: chain.threshold, to: d.threshold }, to: wanted },
      });
    }
    if (!chain.active) change({ kind: "department", code: d.code, action: "reactivate", fields: ["active"] });
    if (fields.length === 0 && chain.active && added.length + removed.length === 0 && chain.threshold === d.threshold)
      unchanged++;
  }
  // Seal keys: a key the data gives that is not the department's current one is registered.
  for (const d of load.departments) {
    const wanted = load.sealKeys.get(d.code);
    if (wanted === undefined || (options.keepOfficers && load.departmentIds.has(d.code))) continue;
    const id = load.departmentIds.get(d.code);
    const current = id === undefined ? undefined : (await getSealKeys(client, { departmentId: id })).at(-1)?.publicKey;
    if (current !== undefined && current.toLowerCase() === wanted) unchanged++;
    else {
      change({
        kind: "sealKey",
        code: d.code,
        action: current === undefined ? "add" : "update",
        fields: ["sealKey"],
        sealKey: { from: current, to: wanted },
      });
    }
  }
  for (const d of load.departments.filter((x) => x.restrictionLister === true)) {
    const id = load.departmentIds.get(d.code);
    if (
      id === undefined ||
      !(await readContract(client, { contract: "RestrictionList", functionName: "isLister", args: [id] }))
    ) {
      change({ kind: "lister", code: d.code, action: "add", fields: [] });
    } else unchanged++;
  }

  // Working calendar years.
  for (const [i, file] of (load.data.calendars ?? []).entries()) {
    const year = parseCalendarFile(file, `calendars[${i}]`);
    const current = await getCalendarYear(client, { year: year.year });
    const same =
      current.isSet &&
      sameDates(current.holidays, year.holidays) &&
      sameDates(current.makeupWorkdays, year.makeupWorkdays) &&
      current.source === year.source;
    if (same) unchanged++;
    else change({ kind: "calendar", code: String(year.year), action: "add", fields: current.isSet ? ["days"] : [] });
  }

  // Licence types: new ones, new schema versions; a name cannot change.
  for (const t of load.licenceTypes) {
    if (!load.typeIds.has(t.code)) {
      change({ kind: "licenceType", code: t.code, action: "add", fields: [] });
      continue;
    }
    const chain = (await getLicenceTypeByCode(client, { code: t.code }))!;
    if (!chain.active) {
      refuse(
        "licenceType",
        t.code,
        `licence type ${t.code} is deactivated on chain and cannot be reactivated: give it a new code`,
        `证照类型 ${t.code} 已在链上停用，不能重新启用：请使用新的代码`,
      );
      continue;
    }
    if (chain.name !== t.name) {
      refuse(
        "licenceType",
        t.code,
        `licence type ${t.code} is named "${chain.name}" on chain; a name cannot change: keep it or use a new code`,
        `证照类型 ${t.code} 在链上名为“${chain.name}”，名称不能修改：请保留原名或使用新的代码`,
      );
    }
    const issuers = t.issuers.map((code) => load.departmentIds.get(code) ?? -1);
    const sorted = (list: readonly number[]) => [...list].sort((a, b) => a - b).join(",");
    const fields = [
      chain.version.level !== LEVELS[t.level] ? "level" : "",
      chain.version.defaultValidity !== t.defaultValidityDays * SECONDS_PER_DAY ? "defaultValidityDays" : "",
      chain.version.fieldNames.join("\u0000") !== t.fieldNames.join("\u0000") ? "fieldNames" : "",
      sorted(chain.version.issuers) !== sorted(issuers) ? "issuers" : "",
    ].filter(Boolean);
    if (fields.length > 0) change({ kind: "licenceType", code: t.code, action: "newVersion", fields });
    else if (chain.name === t.name) unchanged++;
  }

  // Matters: new ones, new versions; a name cannot change.
  const versioned = new Set<string>();
  for (const m of load.matters) {
    if (!load.matterIds.has(m.code)) continue;
    const chain = (await getMatterByCode(client, { code: m.code }))!;
    if (chain.name !== m.name) {
      refuse(
        "matter",
        m.code,
        `matter ${m.code} is named "${chain.name}" on chain; a name cannot change: keep it or use a new code`,
        `事项 ${m.code} 在链上名为“${chain.name}”，名称不能修改：请保留原名或使用新的代码`,
      );
    }
    // A part naming something not on chain yet (added by this plan) differs without comparing.
    const fresh = unresolvedParts(load, m);
    let fields: string[] = fresh;
    if (fresh.length === 0) {
      const wanted = await resolvedDefinition(load, m, PLACEHOLDER_RULE);
      const a = encodeMatterVersion(wanted, new Check(`planDistrict: ${m.code}`));
      const b = encodeMatterVersion(chain.definition, new Check(`planDistrict: ${m.code} on chain`));
      fields = (["steps", "materials", "links", "visits", "baseline"] as const).filter(
        (key) => json(pick(a, key)) !== json(pick(b, key)),
      );
    }
    if (fields.length > 0) {
      versioned.add(m.code);
      change({ kind: "matter", code: m.code, action: "newVersion", fields });
    }
    if (!chain.active) change({ kind: "matter", code: m.code, action: "reactivate", fields: ["active"] });
    if (fields.length === 0 && chain.active && chain.name === m.name) unchanged++;
  }
  // Rules the new matters and new versions need, before them.
  const needing = load.matters.filter((m) => !load.matterIds.has(m.code) || versioned.has(m.code));
  for (const rule of rulesToDeploy(load, needing)) change({ kind: "rule", code: rule.code, action: "add", fields: [] });
  unchanged += load.rules.filter((r) => load.knownRules.has(r.code)).length;
  for (const m of load.matters) {
    if (!load.matterIds.has(m.code)) change({ kind: "matter", code: m.code, action: "add", fields: [] });
  }

  // What is on chain and absent from the data.
  if (options.deactivateAbsent) {
    const inData = (list: readonly { code: string }[]) => new Set(list.map((x) => x.code));
    const matters = inData(load.matters);
    // Every matter on chain, a page (listMatters' most) at a time.
    const onChain = [];
    for (let from = 1, total = Infinity; from <= total; from += MATTER_PAGE) {
      const page = await listMatters(client, { from, limit: MATTER_PAGE });
      onChain.push(...page.matters);
      total = page.total;
    }
    for (const m of onChain) {
      if (m.active && !matters.has(m.code)) change({ kind: "matter", code: m.code, action: "deactivate", fields: [] });
    }
    const types = inData(load.licenceTypes);
    for (const t of await listLicenceTypes(client)) {
      if (t.active && !types.has(t.code))
        change({ kind: "licenceType", code: t.code, action: "deactivate", fields: [] });
    }
    const departments = inData(load.departments);
    for (const d of await listDepartments(client)) {
      if (d.active && !departments.has(d.code)) {
        change({ kind: "department", code: d.code, action: "deactivate", fields: ["active"] });
      }
    }
  }

  return { ...(await withDelays(load, changes, refused, options)), refused, unchanged };
}

/**
 * Each change's AccessManager execution delay for the caller. A delayed department change is
 * scheduled by `applyDistrictPlan`: if it was scheduled already, it is pending (or due: `execute`).
 * Other delayed changes are refused (`applyDistrictPlan` only schedules the department registry's).
 */
async function withDelays(
  load: DistrictLoad,
  changes: DistrictChange[],
  refused: DistrictRefusal[],
  options: { caller: Address | undefined; now: number },
): Promise<Pick<DistrictPlan, "changes" | "pending">> {
  const { client } = load;
  const caller = options.caller;
  if (caller === undefined) return { changes, pending: [] };
  const out: DistrictChange[] = [];
  const pending: DistrictPlan["pending"] = [];
  for (const c of changes) {
    const call = callOf(load, c);
    const target = client.addresses[call.contract];
    const selector = toFunctionSelector(
      getAbiItem({ abi: ABIS[call.contract] as Abi, name: call.functionName }) as AbiFunction,
    );
    const [immediate, delay] = await readContract(client, {
      contract: "AccessManager",
      functionName: "canCall",
      args: [caller, target, selector],
    });
    if (immediate) {
      out.push(c);
      continue;
    }
    if (delay === 0) {
      refused.push({
        kind: c.kind,
        code: c.code,
        reason: {
          en: `${caller} may not call ${call.contract}.${call.functionName}: it lacks the role; ask the platform administrator`,
          zh: `账户 ${caller} 无权调用 ${call.contract}.${call.functionName}：缺少相应角色，请联系平台管理员授予`,
        },
      });
      continue;
    }
    if (call.args === undefined) {
      refused.push({
        kind: c.kind,
        code: c.code,
        reason: {
          en: `${call.contract}.${call.functionName} has an execution delay of ${delay} s for ${caller}; only department changes are scheduled by apply: schedule it through the AccessManager`,
          zh: `${call.contract}.${call.functionName} 对账户 ${caller} 有 ${delay} 秒的执行延迟；apply 只安排部门变更：请通过 AccessManager 安排此操作`,
        },
      });
      continue;
    }
    const data = encodeFunctionData({
      abi: ABIS[call.contract],
      functionName: call.functionName,
      args: call.args,
    } as never);
    const operationId = await readContract(client, {
      contract: "AccessManager",
      functionName: "hashOperation",
      args: [caller, target, data],
    });
    const scheduledAt = await readContract(client, {
      contract: "AccessManager",
      functionName: "getSchedule",
      args: [operationId],
    });
    if (scheduledAt === 0) out.push({ ...c, delay, executableAt: options.now + delay });
    else if (scheduledAt <= options.now) out.push({ ...c, action: "execute", delay, executableAt: scheduledAt });
    else pending.push({ ...c, delay, executableAt: scheduledAt });
  }
  return { changes: out, pending };
}

type Call =
  | {
      contract: "DepartmentRegistry";
      functionName: "registerDepartment" | "updateDepartment" | "setOfficers" | "setDepartmentActive" | "setSealKey";
      args?: readonly unknown[];
    }
  | { contract: "RestrictionList"; functionName: "setLister"; args?: undefined }
  | { contract: "WorkingCalendar"; functionName: "setYear"; args?: undefined }
  | {
      contract: "LicenceTypeRegistry";
      functionName: "registerType" | "publishVersion" | "deactivateType";
      args?: undefined;
    }
  | {
      contract: "ServiceCatalog";
      functionName: "registerMatter" | "publishVersion" | "setMatterActive";
      args?: undefined;
    };

/**
 * The restricted function a change calls; with its arguments for the department registry's
 * changes to departments on chain (what can be scheduled).
 */
export function callOf(load: DistrictLoad, c: DistrictChange): Call & { contract: string } {
  const id = load.departmentIds.get(c.code);
  const department = load.departments.find((d) => d.code === c.code);
  switch (c.kind) {
    case "department":
      if (c.action === "add") return { contract: "DepartmentRegistry", functionName: "registerDepartment" };
      if (c.action === "update") return { contract: "DepartmentRegistry", functionName: "updateDepartment" };
      return {
        contract: "DepartmentRegistry",
        functionName: "setDepartmentActive",
        args: id === undefined ? undefined : [id, c.action !== "deactivate"],
      };
    case "officers":
      return {
        contract: "DepartmentRegistry",
        functionName: "setOfficers",
        args:
          id === undefined || department === undefined || c.officers === undefined
            ? undefined
            : [id, c.officers.to, department.threshold],
      };
    case "sealKey":
      return {
        contract: "DepartmentRegistry",
        functionName: "setSealKey",
        args: id === undefined || c.sealKey === undefined ? undefined : [id, c.sealKey.to],
      };
    case "lister":
      return { contract: "RestrictionList", functionName: "setLister" };
    case "calendar":
      return { contract: "WorkingCalendar", functionName: "setYear" };
    case "licenceType":
      return {
        contract: "LicenceTypeRegistry",
        functionName:
          c.action === "add" ? "registerType" : c.action === "newVersion" ? "publishVersion" : "deactivateType",
      };
    case "rule":
      // Deploying a rule is not a restricted call; registering the matter that uses it is.
      return { contract: "ServiceCatalog", functionName: "registerMatter" };
    case "matter":
      return {
        contract: "ServiceCatalog",
        functionName:
          c.action === "add" ? "registerMatter" : c.action === "newVersion" ? "publishVersion" : "setMatterActive",
      };
  }
}

/** The parts of a matter (steps, materials, links) that name a department, licence type or matter not on chain. */
function unresolvedParts(load: DistrictLoad, m: DistrictMatter): string[] {
  const { departmentIds, typeIds, matterIds } = load;
  const steps = m.steps.some(
    (s) => !departmentIds.has(s.department) || (s.issues !== undefined && !typeIds.has(s.issues)),
  );
  const materials = m.materials.some(
    (x) =>
      x.kind === "licence" &&
      (!typeIds.has(x.licenceType) || (x.consent !== undefined && !departmentIds.has(x.consent.department))),
  );
  const links = (m.links ?? []).some((link) => !matterIds.has(link.matter));
  return [steps ? "steps" : "", materials ? "materials" : "", links ? "links" : ""].filter(Boolean);
}

function pick<T extends object>(value: T, key: string): unknown {
  return (value as Record<string, unknown>)[key];
}

function json(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
