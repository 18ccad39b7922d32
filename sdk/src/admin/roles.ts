/**
 * What an account may do on the platform: the AccessManager's roles it holds (with their execution
 * delays) and, for each administrative action, whether it may call it now, after a delay, or not
 * at all and which role it would need. Everything is read from the chain (AccessManager).
 */
import { getAbiItem, toFunctionSelector, type Abi, type AbiFunction, type Address } from "viem";

import type { OneWindowClient } from "../chain/client.ts";
import { ABIS } from "../chain/contracts.ts";
import { readContract } from "../chain/read.ts";

/** The platform's roles (contracts/Common.sol `Roles`; 0 is the AccessManager's admin role). */
export const PlatformRole = {
  Admin: 0n,
  Registrar: 1n,
  Upgrader: 2n,
  CalendarKeeper: 3n,
  CatalogueEditor: 4n,
  Engine: 5n,
} as const;
export type PlatformRole = (typeof PlatformRole)[keyof typeof PlatformRole];

/** Each role's name for people (the same words as the revert messages in errors/contract-messages.ts). */
export const PLATFORM_ROLE_NAMES: Record<string, { zh: string; en: string }> = {
  "0": { zh: "平台管理员", en: "platform administrator" },
  "1": { zh: "平台登记员", en: "registrar" },
  "2": { zh: "合约升级员", en: "upgrader" },
  "3": { zh: "工作日历维护员", en: "calendar keeper" },
  "4": { zh: "事项目录编辑员", en: "catalogue editor" },
  "5": { zh: "审批引擎", en: "approval engine" },
};

/** The administrative actions the console offers, each one restricted function. */
export const ADMIN_ACTIONS = [
  {
    id: "registerDepartment",
    contract: "DepartmentRegistry",
    functionName: "registerDepartment",
    zh: "新增部门",
    en: "create a department",
  },
  {
    id: "updateDepartment",
    contract: "DepartmentRegistry",
    functionName: "updateDepartment",
    zh: "修改部门名称、层级、类别或加密公钥",
    en: "change a department's name, level, kind or encryption key",
  },
  {
    id: "setOfficers",
    contract: "DepartmentRegistry",
    functionName: "setOfficers",
    zh: "增减审批人、修改门槛",
    en: "add and remove officers, change the threshold",
  },
  {
    id: "setDepartmentActive",
    contract: "DepartmentRegistry",
    functionName: "setDepartmentActive",
    zh: "停用或启用部门",
    en: "deactivate or reactivate a department",
  },
  {
    id: "registerType",
    contract: "LicenceTypeRegistry",
    functionName: "registerType",
    zh: "新增证照类型",
    en: "create a licence type",
  },
  {
    id: "publishTypeVersion",
    contract: "LicenceTypeRegistry",
    functionName: "publishVersion",
    zh: "发布证照类型的新版本",
    en: "publish a new version of a licence type",
  },
  {
    id: "setYear",
    contract: "WorkingCalendar",
    functionName: "setYear",
    zh: "发布工作日历年度",
    en: "publish a calendar year",
  },
  {
    id: "registerMatter",
    contract: "ServiceCatalog",
    functionName: "registerMatter",
    zh: "新增办事事项",
    en: "create a service matter",
  },
  {
    id: "publishMatterVersion",
    contract: "ServiceCatalog",
    functionName: "publishVersion",
    zh: "发布事项的新版本",
    en: "publish a new version of a matter",
  },
  {
    id: "setMatterActive",
    contract: "ServiceCatalog",
    functionName: "setMatterActive",
    zh: "停用或启用事项",
    en: "deactivate or reactivate a matter",
  },
  {
    id: "grantRole",
    contract: "AccessManager",
    functionName: "grantRole",
    zh: "授予或撤销平台角色",
    en: "grant or revoke platform roles",
  },
] as const;

export type AdminActionId = (typeof ADMIN_ACTIONS)[number]["id"];

/** The delayed actions `applyDistrictPlan` schedules itself (changes to departments on chain); others are refused by the plan. */
const SCHEDULED_BY_PLAN: ReadonlySet<AdminActionId> = new Set([
  "updateDepartment",
  "setOfficers",
  "setDepartmentActive",
]);

/** A role the account holds. */
export type HeldRole = {
  roleId: bigint;
  name: { zh: string; en: string };
  /** Seconds each of its calls must wait after being scheduled (0: at once). */
  executionDelay: number;
};

/** Whether the account may take an action, and why not. */
export type AdminAbility = {
  id: AdminActionId;
  label: { zh: string; en: string };
  contract: (typeof ADMIN_ACTIONS)[number]["contract"];
  functionName: string;
  /** The role the chain requires for it. */
  role: { roleId: bigint; name: { zh: string; en: string } };
  /** `now`: at once; `delayed`: scheduled, executable after `delay` seconds; `no`: it lacks the role. */
  may: "now" | "delayed" | "no";
  delay: number;
  /** For `delayed` and `no`: why, in words. */
  reason?: { zh: string; en: string } | undefined;
};

export type GetAdminAbilitiesReturnType = { account: Address; roles: HeldRole[]; abilities: AdminAbility[] };

/** A role's name for people, by id. */
export function platformRoleName(roleId: bigint): { zh: string; en: string } {
  return PLATFORM_ROLE_NAMES[roleId.toString()] ?? { zh: `角色 ${roleId}`, en: `role ${roleId}` };
}

/**
 * The platform roles `account` holds and, for each administrative action of the console, whether
 * it may take it now, after its execution delay, or not (with the role it lacks), all read from
 * the AccessManager.
 *
 * @example
 * const { roles, abilities } = await getAdminAbilities(client, { account });
 * for (const a of abilities) if (a.may === "no") console.log(a.label.en, a.reason?.en);
 */
export async function getAdminAbilities(
  client: OneWindowClient,
  parameters: { account: Address },
): Promise<GetAdminAbilitiesReturnType> {
  const { account } = parameters;
  const ids = Object.values(PlatformRole).filter((r) => r !== PlatformRole.Engine);
  const held = await Promise.all(
    ids.map((roleId) =>
      readContract(client, { contract: "AccessManager", functionName: "hasRole", args: [roleId, account] }),
    ),
  );
  const roles: HeldRole[] = ids.flatMap((roleId, i) =>
    held[i]![0] ? [{ roleId, name: platformRoleName(roleId), executionDelay: Number(held[i]![1]) }] : [],
  );
  const abilities = await Promise.all(
    ADMIN_ACTIONS.map(async (action): Promise<AdminAbility> => {
      const target = client.addresses[action.contract];
      const selector = toFunctionSelector(
        getAbiItem({ abi: ABIS[action.contract] as Abi, name: action.functionName }) as AbiFunction,
      );
      const [roleId, [immediate, delay]] = await Promise.all([
        readContract(client, {
          contract: "AccessManager",
          functionName: "getTargetFunctionRole",
          args: [target, selector],
        }),
        readContract(client, { contract: "AccessManager", functionName: "canCall", args: [account, target, selector] }),
      ]);
      const role = { roleId, name: platformRoleName(roleId) };
      const base = {
        id: action.id,
        label: { zh: action.zh, en: action.en },
        contract: action.contract,
        functionName: action.functionName,
        role,
      };
      if (immediate) return { ...base, may: "now", delay: 0 };
      if (delay > 0) {
        const wait = { zh: durationText(Number(delay), "zh"), en: durationText(Number(delay), "en") };
        return {
          ...base,
          may: "delayed",
          delay: Number(delay),
          reason: SCHEDULED_BY_PLAN.has(action.id)
            ? {
                zh: `须先安排，${wait.zh}后方可执行（您的${role.name.zh}角色设有执行延迟）`,
                en: `scheduled first, executable after ${wait.en} (your ${role.name.en} role has an execution delay)`,
              }
            : {
                zh: `您的${role.name.zh}角色设有 ${wait.zh}的执行延迟，而计划只安排对已有部门的变更：此操作须直接通过 AccessManager 安排（schedule），期满后执行`,
                en: `your ${role.name.en} role has an execution delay of ${wait.en}, and plans schedule only changes to existing departments: schedule this one through the AccessManager, then execute it when due`,
              },
        };
      }
      return {
        ...base,
        may: "no",
        delay: 0,
        reason: {
          zh: `需要${role.name.zh}角色，此账户没有：请联系平台管理员授予`,
          en: `it needs the ${role.name.en} role, which this account does not hold: ask the platform administrator to grant it`,
        },
      };
    }),
  );
  return { account, roles, abilities };
}

/** A delay in seconds as words: "1 小时" / "1 hour", "90 秒" / "90 seconds". */
export function durationText(seconds: number, lang: "zh" | "en"): string {
  const units: [number, string, string][] = [
    [86_400, "天", "day"],
    [3_600, "小时", "hour"],
    [60, "分钟", "minute"],
  ];
  for (const [size, zh, en] of units) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return lang === "zh" ? `${n} ${zh}` : `${n} ${en}${n === 1 ? "" : "s"}`;
    }
  }
  return lang === "zh" ? `${seconds} 秒` : `${seconds} second${seconds === 1 ? "" : "s"}`;
}
