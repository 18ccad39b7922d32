import { toFunctionSelector, type Abi } from "viem";

import {
  accessManagerAbi,
  approvalEngineAbi,
  compositeRuleAbi,
  consentRegistryAbi,
  departmentRegistryAbi,
  holdsValidLicenceRuleAbi,
  licenceRegistryAbi,
  licenceTypeRegistryAbi,
  notRestrictedRuleAbi,
  restrictionListAbi,
  serviceCatalogAbi,
  workingCalendarAbi,
} from "../generated/abis.ts";
import { LicenceProblem } from "../chain/enums.ts";
import type { OneWindowErrorMessages } from "./base.ts";

type Messages = OneWindowErrorMessages;

// ---------------------------------------------------------------------------------------------
// Formatting helpers. Every helper accepts `unknown` (an argument may be missing or of an
// unexpected type when the revert data was hand-made) and never returns "undefined" or "NaN".
// viem decodes integers of up to 48 bits as `number` and wider ones as `bigint`: both are handled.
// ---------------------------------------------------------------------------------------------

/** An integer argument as a `bigint`, or `undefined` if it is not an integer. */
function big(value: unknown): bigint | undefined {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  return undefined;
}

/** An integer argument in decimal ("?" if it is not one). */
function int(value: unknown): string {
  return big(value)?.toString() ?? "?";
}

/** An id, address, hash or selector (hex text), as given ("?" if it is not text). */
function hex(value: unknown): string {
  return typeof value === "string" && value !== "" ? value : "?";
}

/** A code or other short text, quoted and cut to 48 characters. */
function quoted(value: unknown): { zh: string; en: string } {
  if (typeof value !== "string") return { zh: "（空）", en: "(empty)" };
  const shown = [...value].length > 48 ? `${[...value].slice(0, 48).join("")}…` : value;
  return { zh: `“${shown}”`, en: `"${shown}"` };
}

/** Unix seconds as ISO 8601 UTC without milliseconds, e.g. `2025-03-01T00:00:00Z`. */
function time(value: unknown): string {
  const seconds = big(value);
  if (seconds === undefined) return "?";
  // Date covers ±8.64e15 ms; beyond that, show the raw number.
  if (seconds > 8_640_000_000_000n || seconds < -8_640_000_000_000n) return `${seconds} (Unix seconds)`;
  return new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");
}

/** A calendar date given as the number YYYYMMDD, as `YYYY-MM-DD` when it has eight digits. */
function ymd(value: unknown): string {
  const text = int(value);
  return /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}` : text;
}

/** A duration in seconds, with a rounder unit when it divides evenly. */
function duration(value: unknown): { zh: string; en: string } {
  const seconds = big(value);
  if (seconds === undefined) return { zh: "? 秒", en: "? seconds" };
  const units: [bigint, string, string][] = [
    [86_400n, "天", "day"],
    [3_600n, "小时", "hour"],
    [60n, "分钟", "minute"],
  ];
  for (const [size, zh, en] of units) {
    if (seconds >= size && seconds % size === 0n) {
      const n = seconds / size;
      return { zh: `${seconds} 秒（${n} ${zh}）`, en: `${seconds} seconds (${n} ${en}${n === 1n ? "" : "s"})` };
    }
  }
  return { zh: `${seconds} 秒`, en: `${seconds} second${seconds === 1n ? "" : "s"}` };
}

/** A time-zone offset in seconds as `UTC±hh:mm`. */
function utcOffset(value: unknown): string {
  const seconds = big(value);
  if (seconds === undefined) return "?";
  const abs = seconds < 0n ? -seconds : seconds;
  const hh = String(abs / 3600n).padStart(2, "0");
  const mm = String((abs % 3600n) / 60n).padStart(2, "0");
  const ss = abs % 60n;
  return `UTC${seconds < 0n ? "-" : "+"}${hh}:${mm}${ss === 0n ? "" : `:${String(ss).padStart(2, "0")}`}`;
}

/** Picks the zh/en words of an enum value; an out-of-range value shows as its number. */
function enumWord(value: unknown, words: readonly (readonly [string, string])[]): { zh: string; en: string } {
  const n = big(value);
  const word = n === undefined || n >= BigInt(words.length) ? undefined : words[Number(n)];
  return word ? { zh: word[0], en: word[1] } : { zh: `未知（${int(value)}）`, en: `unknown (${int(value)})` };
}

/** A step or material index of a matter version (counted from 0, as in the catalogue), e.g. `#2`. */
function index(value: unknown): string {
  return `#${int(value)}`;
}

/** The steps of a step bitmask (bit i: step i), e.g. `#0, #2`. */
function stepsOfMask(value: unknown, separator: string): string {
  const mask = big(value);
  if (mask === undefined) return "?";
  const steps: string[] = [];
  for (let i = 0n; mask >> i !== 0n; i++) if ((mask >> i) & 1n) steps.push(`#${i}`);
  return steps.length === 0 ? "–" : steps.join(separator);
}

/** Active flag of a department or matter. */
function activeWord(value: unknown): { zh: string; en: string } {
  return value === true ? { zh: "启用", en: "active" } : { zh: "停用", en: "inactive" };
}

/** Status of an application (IApprovalEngine.ApplicationStatus). */
const applicationStatuses = [
  ["不存在", "none"],
  ["审批中", "under review"],
  ["已退回补正", "returned for correction"],
  ["已办结", "completed"],
  ["已驳回", "rejected"],
  ["已撤回", "withdrawn"],
] as const;

/** A department's decision on a step (IApprovalEngine.Outcome). */
const outcomes = [
  ["未表决", "no vote"],
  ["通过", "approve"],
  ["驳回", "reject"],
  ["退回补正", "return for correction"],
] as const;

/** Stored state of a licence or batch (ILicenceRegistry.LicenceState). */
const licenceStates = [
  ["未签发", "never issued"],
  ["已签发（有效）", "issued"],
  ["已暂停", "suspended"],
  ["已吊销或已被替换", "revoked or replaced"],
] as const;

/** Levels of a department or licence type (Common.Level) that a record may have. */
const levelsZh = "国家级、市级或区级";
const levelsEn = "national, municipal or district";

/** Platform roles (Common.Roles), AccessManager's admin role and public role. */
function role(value: unknown): { zh: string; en: string } {
  const names: Record<string, [string, string]> = {
    "0": ["管理员", "admin"],
    "1": ["平台登记员", "registrar"],
    "2": ["合约升级员", "upgrader"],
    "3": ["工作日历维护员", "calendar keeper"],
    "4": ["事项目录编辑员", "catalogue editor"],
    "5": ["审批引擎", "approval engine"],
    "18446744073709551615": ["公共角色", "public role"],
  };
  const id = int(value);
  const name = names[id];
  return name
    ? { zh: `${name[0]}（角色 ${id}）`, en: `${name[1]} (role ${id})` }
    : { zh: `角色 ${id}`, en: `role ${id}` };
}

/** Function names of the OneWindow contracts and the AccessManager, by selector; built on first use. */
let selectorNames: Map<string, string> | undefined;

/** A function selector with its function's name when it is one of ours, e.g. `revoke (0x…)`. */
function functionName(value: unknown): string {
  const selector = hex(value);
  if (!selectorNames) {
    selectorNames = new Map();
    const abis: readonly Abi[] = [
      accessManagerAbi,
      approvalEngineAbi,
      compositeRuleAbi,
      consentRegistryAbi,
      departmentRegistryAbi,
      holdsValidLicenceRuleAbi,
      licenceRegistryAbi,
      licenceTypeRegistryAbi,
      notRestrictedRuleAbi,
      restrictionListAbi,
      serviceCatalogAbi,
      workingCalendarAbi,
    ];
    for (const abi of abis) {
      for (const item of abi) if (item.type === "function") selectorNames.set(toFunctionSelector(item), item.name);
    }
  }
  const name = selectorNames.get(selector.toLowerCase());
  return name ? `${name} (${selector})` : selector;
}

/** "Department 7", or "no department" for 0. */
function department(value: unknown): { zh: string; en: string } {
  const id = int(value);
  return id === "0" ? { zh: "（无部门）", en: "no department" } : { zh: `部门 ${id}`, en: `department ${id}` };
}

// ---------------------------------------------------------------------------------------------
// Messages, by error name. Arguments come in ABI order.
// ---------------------------------------------------------------------------------------------

/**
 * User-facing text (zh, en) of every custom error of the OneWindow contracts, by error name; the
 * function gets the error's arguments in ABI order. Every error of `oneWindowErrorsAbi` has an
 * entry (checked by contract-messages.test.ts). Texts never show a field value or a salt.
 */
export const contractErrorMessages: Record<string, (args: readonly unknown[]) => Messages> = {
  // --- OpenZeppelin AccessManaged / AccessManager: who may call what --------------------------

  AccessManagedInvalidAuthority: ([authority]) => ({
    zh: `地址 ${hex(authority)} 不是有效的权限管理合约（AccessManager），不能设为本合约的权限中心。请核对部署配置中的 AccessManager 地址，或联系平台技术支持。`,
    en: `Address ${hex(authority)} is not a valid access manager and cannot become this contract's authority. Check the AccessManager address in the deployment, or contact platform support.`,
  }),
  AccessManagedRequiredDelay: ([caller, delay]) => {
    const d = duration(delay);
    return {
      zh: `账户 ${hex(caller)} 执行此操作须有 ${d.zh}的延迟。请先通过权限管理合约（AccessManager）安排（schedule）该操作，延迟期满后再执行。`,
      en: `Account ${hex(caller)} must wait a delay of ${d.en} for this operation. Schedule it through the AccessManager first, then execute it once the delay has passed.`,
    };
  },
  AccessManagedUnauthorized: ([caller]) => ({
    zh: `账户 ${hex(caller)} 无权执行此操作。请确认使用的是正确的账户；如确需此权限，请联系平台管理员授予相应角色。`,
    en: `Account ${hex(caller)} is not allowed to do this. Check that you are using the right account; if you need this permission, ask the platform administrator to grant the role.`,
  }),
  AccessManagerAlreadyScheduled: ([operationId]) => ({
    zh: `操作 ${hex(operationId)} 已在计划中，不能重复安排。请等待延迟期满后执行，或先取消再重新安排。`,
    en: `Operation ${hex(operationId)} is already scheduled. Wait for its delay to pass and execute it, or cancel it before scheduling it again.`,
  }),
  AccessManagerBadConfirmation: () => ({
    zh: "放弃角色时，确认地址必须是当前账户本人的地址。请填入本人账户地址后重试。",
    en: "To renounce a role, the confirmation address must be your own account. Enter your account address and try again.",
  }),
  AccessManagerExpired: ([operationId]) => ({
    zh: `计划操作 ${hex(operationId)} 已超过执行期限，已失效。请重新安排该操作，并在延迟期满后及时执行。`,
    en: `Scheduled operation ${hex(operationId)} has expired. Schedule it again and execute it promptly once its delay has passed.`,
  }),
  AccessManagerInvalidInitialAdmin: ([initialAdmin]) => ({
    zh: `初始管理员地址 ${hex(initialAdmin)} 无效（不能为零地址）。请在部署配置中填写有效的管理员账户。`,
    en: `Initial admin ${hex(initialAdmin)} is invalid (it must not be the zero address). Set a valid admin account in the deployment.`,
  }),
  AccessManagerLockedFunction: ([selector]) => ({
    zh: `函数 ${functionName(selector)} 已锁定，不能为其设置所需角色。如需更换合约的权限管理合约，请由管理员调用 updateAuthority。`,
    en: `Function ${functionName(selector)} is locked: its required role cannot be set. To change a contract's access manager, the admin must call updateAuthority.`,
  }),
  AccessManagerLockedRole: ([roleId]) => {
    const r = role(roleId);
    return {
      zh: `${r.zh}是系统内置角色，不能进行此项更改（如设置名称、管理角色、守护角色或授予/撤销）。请选择其他角色。`,
      en: `The ${r.en} is built in and cannot be changed this way (label, admin, guardian, grant or revoke). Choose another role.`,
    };
  },
  AccessManagerNotReady: ([operationId]) => ({
    zh: `计划操作 ${hex(operationId)} 尚未到可执行时间。请等待延迟期满后再执行。`,
    en: `Scheduled operation ${hex(operationId)} is not ready yet. Wait until its delay has passed, then execute it.`,
  }),
  AccessManagerNotScheduled: ([operationId]) => ({
    zh: `操作 ${hex(operationId)} 未被安排（或已执行、已取消）。请先安排该操作，延迟期满后再执行。`,
    en: `Operation ${hex(operationId)} is not scheduled (or was already executed or cancelled). Schedule it first and execute it after the delay.`,
  }),
  AccessManagerUnauthorizedAccount: ([msgsender, roleId]) => {
    const r = role(roleId);
    return {
      zh: `账户 ${hex(msgsender)} 不具有所需的${r.zh}。请联系平台管理员授予该角色后重试。`,
      en: `Account ${hex(msgsender)} does not hold the required ${r.en}. Ask the platform administrator to grant it, then try again.`,
    };
  },
  AccessManagerUnauthorizedCall: ([caller, target, selector]) => ({
    zh: `账户 ${hex(caller)} 无权调用合约 ${hex(target)} 的函数 ${functionName(selector)}。请确认使用的是正确账户；如确需此权限，请联系平台管理员授予该函数所需的角色。`,
    en: `Account ${hex(caller)} may not call function ${functionName(selector)} of contract ${hex(target)}. Check that you are using the right account; if you need this permission, ask the platform administrator to grant the role it requires.`,
  }),
  AccessManagerUnauthorizedCancel: ([msgsender, caller, target, selector]) => ({
    zh: `账户 ${hex(msgsender)} 无权取消账户 ${hex(caller)} 安排的操作（合约 ${hex(target)} 的函数 ${functionName(selector)}）。只有安排者本人、管理员或该函数的守护角色可以取消。`,
    en: `Account ${hex(msgsender)} may not cancel the operation scheduled by ${hex(caller)} (function ${functionName(selector)} of contract ${hex(target)}). Only its scheduler, an admin or the function's guardian may cancel it.`,
  }),
  AccessManagerUnauthorizedConsume: ([target]) => ({
    zh: `合约 ${hex(target)} 不能执行该计划操作：计划操作只能由其目标合约本身消费。这通常是配置错误，请联系平台技术支持。`,
    en: `Contract ${hex(target)} cannot consume this scheduled operation: only the operation's target contract can. This is usually a configuration error; contact platform support.`,
  }),

  // --- Common (Common.sol): shared by several contracts ----------------------------------------

  UnknownDepartment: ([departmentId]) => ({
    zh: `部门 ${int(departmentId)} 不存在。请核对部门编号，或向平台登记员确认该部门已登记。`,
    en: `Department ${int(departmentId)} does not exist. Check the department id, or ask the registrar whether it is registered.`,
  }),
  NotDepartmentOfficer: ([account, departmentId]) =>
    int(departmentId) === "0"
      ? {
          zh: `账户 ${hex(account)} 不是任何在用部门的承办人员。请使用本部门承办人员的账户，或联系平台登记员将该账户登记为承办人员。`,
          en: `Account ${hex(account)} is not an officer of any active department. Use your department officer account, or ask the registrar to register this account as an officer.`,
        }
      : {
          zh: `账户 ${hex(account)} 不是部门 ${int(departmentId)} 的承办人员，或该部门已停用。请使用该部门承办人员的账户，或联系平台登记员。`,
          en: `Account ${hex(account)} is not an officer of department ${int(departmentId)}, or the department is inactive. Use an officer account of that department, or ask the registrar.`,
        },
  ZeroAddress: () => ({
    zh: "地址不能为零地址。请填写有效的合约或账户地址。",
    en: "The address must not be the zero address. Give a valid contract or account address.",
  }),

  // --- ApprovalEngine: applications and approvals -----------------------------------------------

  ApprovalEngineMatterClosed: ([matterId]) => ({
    zh: `事项 ${int(matterId)} 不存在或已暂停受理新申请。请核对事项编号，或咨询窗口工作人员。`,
    en: `Matter ${int(matterId)} does not exist or is closed to new applications. Check the matter id, or ask at the service window.`,
  }),
  ApprovalEngineMissingMaterial: ([material]) => ({
    zh: `缺少必需的材料 ${index(material)}。请按事项材料清单补齐后重新提交。`,
    en: `Required material ${index(material)} is missing. Add it as listed for the matter and submit again.`,
  }),
  ApprovalEngineUnexpectedMaterial: ([material]) => ({
    zh: `材料 ${index(material)} 重复提交、不是本事项的材料、材料形式不符（证照与上传文件不可混用），或是条件性材料（条件性材料不上链，直接交给审批部门）；或所提交证照与其对应材料编号的数量不一致。请对照事项材料清单修改后重新提交。`,
    en: `Material ${index(material)} was given twice, is not a material of this matter, is of the wrong kind (licence vs. upload), or is conditional (conditional materials go to the departments off chain, never on chain); or the licences and their material indexes differ in number. Check the matter's list of materials and submit again.`,
  }),
  ApprovalEngineInvalidLicence: ([material, licenceId, problem]) => {
    const reasons: Record<number, [string, string, string, string]> = {
      [LicenceProblem.NotValid]: [
        "当前无效（未签发、已暂停、已吊销或已过期）",
        "请在证照文件中核对证照状态，或联系签发部门",
        "is not valid now (not issued, suspended, revoked or expired)",
        "check the licence status in the licence file, or contact the issuing department",
      ],
      [LicenceProblem.NotHolder]: [
        "不属于申请人本人",
        "请提交以申请账户为持证人的证照",
        "is not held by the applicant",
        "present a licence whose holder is the applying account",
      ],
      [LicenceProblem.WrongType]: [
        "类型不符合该材料的要求",
        "请提交该材料所要求类型的证照",
        "is not of the type this material requires",
        "present a licence of the required type",
      ],
      [LicenceProblem.IssuerNotAuthorised]: [
        "的签发部门未获授权签发此类证照",
        "请联系签发部门或平台登记员核实",
        "was issued by a department not authorised for its type",
        "check with the issuing department or the registrar",
      ],
    };
    const reason = reasons[Number(big(problem) ?? -1)] ?? [
      `未通过核验（问题代码 ${int(problem)}）`,
      "请检查证照文件",
      `failed its check (problem ${int(problem)})`,
      "check the licence file",
    ];
    return {
      zh: `材料 ${index(material)} 提交的证照 ${hex(licenceId)} ${reason[0]}。${reason[1]}。`,
      en: `The licence ${hex(licenceId)} given for material ${index(material)} ${reason[2]}: ${reason[3]}.`,
    };
  },
  ApprovalEngineUnknownApplication: ([applicationId]) => ({
    zh: `找不到申请 ${hex(applicationId)}。请核对申请编号。`,
    en: `Application ${hex(applicationId)} does not exist. Check the application id.`,
  }),
  ApprovalEngineInvalidStatus: ([applicationId, status]) => {
    const s = enumWord(status, applicationStatuses);
    const hints: Record<string, [string, string]> = {
      "0": ["请核对申请编号", "check the application id"],
      "1": ["只有被退回补正的申请才能重新提交", "only an application returned for correction can be resubmitted"],
      "2": [
        "请先由申请人补正材料并重新提交，审批才能继续",
        "the applicant must correct and resubmit it before review continues",
      ],
      "3": ["该申请已办结，无需再操作", "it is finished; nothing more can be done"],
      "4": ["该申请已被驳回；如需办理，请重新申请", "it was rejected; submit a new application if needed"],
      "5": ["该申请已撤回；如需办理，请重新申请", "it was withdrawn; submit a new application if needed"],
    };
    const hint = hints[int(status)] ?? ["请刷新后查看申请的最新状态", "reload to see its current status"];
    return {
      zh: `申请 ${hex(applicationId)} 当前状态为“${s.zh}”，不能进行此操作。${hint[0]}。`,
      en: `Application ${hex(applicationId)} is ${s.en}, which does not allow this: ${hint[1]}.`,
    };
  },
  ApprovalEngineStepNotActive: ([applicationId, step]) => ({
    zh: `申请 ${hex(applicationId)} 的步骤 ${index(step)} 当前不在办理中（其前置步骤尚未全部通过、本步骤已办结，或该申请不存在此步骤）。请核对步骤序号，或等待该步骤开始办理后再操作。`,
    en: `Step ${index(step)} of application ${hex(applicationId)} is not active (the steps it depends on are not all approved yet, it is already decided, or the application has no such step). Check the step index, or wait for the step to become active.`,
  }),
  ApprovalEngineNotStepOfficer: ([account, departmentId]) => ({
    zh: `账户 ${hex(account)} 不是负责该步骤的部门 ${int(departmentId)} 的承办人员，或该部门已停用。请由该部门的承办人员办理或签名；部门停用时请联系平台登记员。`,
    en: `Account ${hex(account)} is not an officer of department ${int(departmentId)}, which handles this step, or that department is inactive. An officer of that department must act or sign; if the department is inactive, ask the registrar.`,
  }),
  ApprovalEngineAlreadyVoted: ([officer]) => ({
    zh: `承办人员 ${hex(officer)} 已在本轮表决过，无需重复提交。请等待本部门其他承办人员表决。`,
    en: `Officer ${hex(officer)} has already voted in this round. Wait for the other officers of the department to vote.`,
  }),
  ApprovalEngineConflictingVote: ([pendingOutcome, pendingReason]) => {
    const o = enumWord(pendingOutcome, outcomes);
    const withReason = int(pendingReason) !== "0";
    return {
      zh: `本轮已有待定的表决结果“${o.zh}”${withReason ? `（原因代码 ${int(pendingReason)}）` : ""}，您的表决与之不一致（结果、原因代码或出证证照编号不同）。请与本部门其他承办人员协商一致后按同一结果表决；批准出证步骤时须填写首张票指定的出证证照编号。`,
      en: `This round already has a pending decision "${o.en}"${withReason ? ` (reason code ${int(pendingReason)})` : ""} and your vote differs from it (in outcome, reason code or output licence id). Agree with the other officers of your department and vote for the same decision; approving the output step, name the output licence the first vote named.`,
    };
  },
  ApprovalEngineInvalidDecision: () => ({
    zh: "审批决定无效：须选择通过、驳回或退回补正；通过时不填原因代码，驳回或退回补正时必须填写原因代码。请修改后重新提交。",
    en: "The decision is invalid: choose approve, reject or return; approve takes no reason code, reject and return need one. Correct it and submit again.",
  }),
  ApprovalEngineBelowThreshold: ([signatures, threshold]) => ({
    zh: `签名数 ${int(signatures)} 未达到本部门要求的 ${int(threshold)} 人。请收集足够的本部门承办人员签名后重新提交。`,
    en: `${int(signatures)} signature(s) do not reach the department's threshold of ${int(threshold)}. Collect enough officer signatures and submit again.`,
  }),
  ApprovalEngineInvalidSignature: ([signer]) => ({
    zh: `账户 ${hex(signer)} 的签名无效（与本次签署内容、链或合约不符）。请由该账户针对当前内容重新签名后提交。`,
    en: `The signature of ${hex(signer)} is not valid for this request, chain and contract. Have that account sign the current request again.`,
  }),
  ApprovalEngineUnsortedSigners: () => ({
    zh: "签名须按签名人地址从小到大排列，且同一签名人不得重复。请调整顺序、去除重复后重新提交。",
    en: "Signatures must be ordered by signer address, lowest first, with no signer twice. Reorder them, remove repeats and submit again.",
  }),
  ApprovalEngineExpiredSignature: ([deadline]) => ({
    zh: `签名已于 ${time(deadline)} 过期。请重新签名，并在截止时间前提交。`,
    en: `The signature expired at ${time(deadline)}. Sign again and submit before the deadline.`,
  }),
  ApprovalEngineWrongRound: ([signedRound, currentRound]) => ({
    zh: `签名针对的审批轮次为 ${int(signedRound)}，而该步骤当前的轮次为 ${int(currentRound)}（通常是该步骤曾退回补正，此前的签名已失效）。请针对当前轮次重新签名。`,
    en: `The signatures are for round ${int(signedRound)}, but the step is in round ${int(currentRound)} (usually because it returned the application for correction, so earlier signatures lapsed). Sign again for the current round.`,
  }),
  ApprovalEngineNotApplicant: ([caller]) => ({
    zh: `账户 ${hex(caller)} 不是该申请的申请人。只有申请人本人可以补正或撤回申请，请使用提交申请时的账户操作。`,
    en: `Account ${hex(caller)} is not the applicant. Only the applicant can resubmit or withdraw an application: use the account that submitted it.`,
  }),
  ApprovalEngineRuleNotSatisfied: ([applicationId, step]) => ({
    zh: `申请 ${hex(applicationId)} 的步骤 ${index(step)} 未配置自动审批规则，或规则条件不满足（所附证据格式不符的，也视为不满足），不能自动通过。请等待部门人工审批，或补足规则要求的条件（如有效证照）并附上正确的证据后重试。`,
    en: `Step ${index(step)} of application ${hex(applicationId)} has no automatic rule, or its rule does not hold (a rule given malformed evidence does not hold either), so it cannot be approved automatically. Wait for the department's review, or meet the rule's conditions (such as a valid licence), give its evidence and try again.`,
  }),
  ApprovalEngineNotOverdue: ([applicationId, step]) => ({
    zh: `申请 ${hex(applicationId)} 的步骤 ${index(step)} 尚未超过办理时限，或本轮已标记为超期，无需再标记。`,
    en: `Step ${index(step)} of application ${hex(applicationId)} is not past its deadline, or was already flagged as overdue in this round; nothing to do.`,
  }),
  // The engine reverts with it in five cases the arguments do not tell apart (IApprovalEngine):
  // the id already exists in LicenceRegistry (first approving vote), the output step approved
  // without an id or completed without one, an id given for another step or outcome, or named in
  // automatic review by someone other than the output step's department. The text names each.
  ApprovalEngineInvalidOutputLicence: ([applicationId, step]) => ({
    zh: `申请 ${hex(applicationId)} 的步骤 ${index(step)} 不接受该出证证照编号，原因为以下之一：该编号的证照已存在于证照登记合约中（请重新生成出证证照，新的随机盐值会得到新的编号）；批准出证步骤时未填写出证证照编号；非出证步骤、或驳回/退回补正时填写了编号；或自动审批时由出证步骤所属部门以外的账户指定了编号。请核对后重新提交。`,
    en: `Step ${index(step)} of application ${hex(applicationId)} refused the output licence id, for one of these reasons: a licence with that id already exists in the licence registry (build the output licence again: fresh salts give a new id); the output licence id is missing where the output step is approved; an id was given for a step that is not the output step, or for an outcome that issues none; or, in automatic review, someone other than the output step's department named it. Check and submit again.`,
  }),
  ApprovalEngineOutputHolderNotApplicant: ([applicationId, outputLicenceId]) => ({
    zh: `申请 ${hex(applicationId)} 的结果证照 ${hex(outputLicenceId)} 未证明由申请人持有：结果证照只能发给申请人。请以申请人为持有人制作结果证照，首次指定时附上证照文件（持有人证明）；其后的投票只填写已指定的证照编号。`,
    en: `Output licence ${hex(outputLicenceId)} of application ${hex(applicationId)} is not proven to be the applicant's: an output licence is always issued to the applicant. Build it with the applicant as holder and give its file (the holder proof) when first naming it; later votes give the id already named.`,
  }),
  ApprovalEngineInvalidLinkedStart: ([parentApplicationId, matterId]) => ({
    zh: `不能从申请 ${hex(parentApplicationId)} 联办事项 ${int(matterId)}：原申请尚未办结、该联办未被提供（或不是“经同意即发起”方式）、已办理过、申请材料所属事项与同意书不符，或当前账户不是同意书指定的发起方。请确认原申请已办结并提供此联办事项，并由同意书指定的发起方提交该事项的申请。`,
    en: `Matter ${int(matterId)} cannot be started from application ${hex(parentApplicationId)}: the application is not completed, does not offer this matter to be started on consent, already started it, the submission is for another matter than the consent, or the caller is not the starter the consent names. Check that the application is completed and offers this matter, and submit it from the starter the applicant's consent names.`,
  }),

  // --- Approval rules (contracts/rules) -------------------------------------------------------

  CompositeRuleEmpty: () => ({
    zh: "组合规则至少须包含一条规则。请在部署组合规则时提供规则列表。",
    en: "A composite rule needs at least one rule. Give the list of rules when deploying it.",
  }),

  // --- ConsentRegistry: holders' consents to departments ---------------------------------------

  ConsentRegistryEmptyFieldMask: () => ({
    zh: "授权未选择任何字段。请至少选择一个允许部门查看的证照字段。",
    en: "The consent names no field. Choose at least one licence field the department may see.",
  }),
  ConsentRegistryInvalidExpiry: ([expiresAt]) => ({
    zh: `授权到期时间 ${time(expiresAt)} 不在将来。请选择晚于当前时间的到期时间。`,
    en: `The consent's expiry ${time(expiresAt)} is not in the future. Choose a later expiry.`,
  }),
  ConsentRegistryZeroLicence: () => ({
    zh: "证照编号不能为空。请选择要授权查看的证照。",
    en: "The licence id is empty. Choose the licence the consent is for.",
  }),
  ConsentRegistryExpiredSignature: ([deadline]) => ({
    zh: `持证人的授权签名已于 ${time(deadline)} 过期。请持证人重新签署授权，并在截止时间前提交。`,
    en: `The holder's signed consent expired at ${time(deadline)}. Ask the holder to sign it again and submit before the deadline.`,
  }),
  ConsentRegistryInvalidSignature: ([holder]) => ({
    zh: `签名不是持证人 ${hex(holder)} 对本次授权内容的有效签名（内容不符，或持证人已作废此前的签名）。请持证人针对当前内容重新签署授权。`,
    en: `The signature is not holder ${hex(holder)}'s valid signature of this consent (different content, or the holder cancelled earlier signatures). Ask the holder to sign the current consent again.`,
  }),
  ConsentRegistryUnknownConsent: ([consentId]) => ({
    zh: `您没有编号为 ${hex(consentId)} 的有效授权（不存在或已撤销）。请核对授权信息；如需继续授权，请重新办理授权。`,
    en: `You have no unrevoked consent ${hex(consentId)} (it does not exist or was revoked). Check the consent; renew the consent if it is still needed.`,
  }),

  // --- DepartmentRegistry: departments and their officers ----------------------------------------

  DepartmentRegistryInvalidCode: ([code]) => {
    const c = quoted(code);
    return {
      zh: `部门代码${c.zh}为空、超过 32 字节，或已被其他部门使用。请更换代码后重试。`,
      en: `Department code ${c.en} is empty, longer than 32 bytes, or used by another department. Choose another code.`,
    };
  },
  DepartmentRegistryInvalidName: () => ({
    zh: "部门名称为空或过长（最多 128 字节）。请修改名称后重试。",
    en: "The department name is empty or too long (at most 128 bytes). Correct it and try again.",
  }),
  DepartmentRegistryInvalidLevel: () => ({
    zh: `部门级别无效。请选择${levelsZh}。`,
    en: `The department level is invalid. Choose ${levelsEn}.`,
  }),
  DepartmentRegistryInvalidEncryptionKey: () => ({
    zh: "部门加密公钥格式无效：须为 33 字节的压缩 secp256k1 公钥（以 0x02 或 0x03 开头）。请核对部门提供的公钥。",
    en: "The department encryption key is invalid: it must be a 33-byte compressed secp256k1 public key (starting 0x02 or 0x03). Check the key the department gave.",
  }),
  DepartmentRegistryInvalidSealKey: ([length, prefix]) => ({
    zh: `部门电子印章公钥格式无效：须为 65 字节、以 0x04 开头的 SM2 未压缩公钥（收到 ${int(length)} 字节，首字节 ${hex(prefix)}）。请核对部门提供的印章公钥。`,
    en: `The department's seal key is invalid: it must be a 65-byte uncompressed SM2 public key starting 0x04 (got ${int(length)} bytes, first byte ${hex(prefix)}). Check the seal key the department gave.`,
  }),
  DepartmentRegistrySealKeyNotOnCurve: () => ({
    zh: "部门电子印章公钥不是 SM2 推荐曲线上的点。请核对部门提供的印章公钥（GB/T 32918.5）。",
    en: "The department's seal key is not a point of the SM2 recommended curve. Check the seal key the department gave (GB/T 32918.5).",
  }),
  DepartmentRegistryInvalidThreshold: ([threshold, officers]) => ({
    zh: `审批门槛 ${int(threshold)} 无效：须至少为 1，且不超过承办人员人数 ${int(officers)}。请调整门槛后重试。`,
    en: `Threshold ${int(threshold)} is invalid: it must be at least 1 and at most the ${int(officers)} officer(s). Adjust it and try again.`,
  }),
  DepartmentRegistryInvalidOfficerCount: ([officers]) => ({
    zh: `承办人员人数 ${int(officers)} 无效：须为 1 至 32 人。请调整人员名单后重试。`,
    en: `${int(officers)} officer(s) is not allowed: a department has 1 to 32 officers. Adjust the list and try again.`,
  }),
  DepartmentRegistryInvalidOfficer: ([officer, currentDepartmentId]) =>
    int(currentDepartmentId) === "0"
      ? {
          zh: `承办人员地址 ${hex(officer)} 无效（不能为零地址）。请填写有效的账户地址。`,
          en: `Officer address ${hex(officer)} is invalid (it must not be the zero address). Give a valid account.`,
        }
      : {
          zh: `账户 ${hex(officer)} 已是部门 ${int(currentDepartmentId)} 的承办人员（或在名单中重复）。一个账户只能属于一个部门，请先将其从原部门移除，或使用其他账户。`,
          en: `Account ${hex(officer)} is already an officer of department ${int(currentDepartmentId)} (or is listed twice). An account belongs to one department only: remove it there first, or use another account.`,
        },
  DepartmentRegistryThresholdUnreachable: ([departmentId, threshold]) => ({
    zh: `退出后部门 ${int(departmentId)} 的承办人员将少于审批门槛 ${int(threshold)} 人。请先联系平台登记员调低门槛或增补人员，然后再退出。`,
    en: `Leaving would leave department ${int(departmentId)} with fewer officers than its threshold of ${int(threshold)}. Ask the registrar to lower the threshold or add officers first.`,
  }),
  DepartmentRegistryActiveUnchanged: ([departmentId, active]) => {
    const a = activeWord(active);
    return {
      zh: `部门 ${int(departmentId)} 已处于${a.zh}状态，无需重复操作。`,
      en: `Department ${int(departmentId)} is already ${a.en}; nothing to change.`,
    };
  },

  // --- LicenceTypeRegistry: licence types and their versions --------------------------------------

  LicenceTypeRegistryUnknownType: ([typeId]) => ({
    zh: `证照类型 ${int(typeId)} 不存在。请核对证照类型编号，或向平台登记员确认。`,
    en: `Licence type ${int(typeId)} does not exist. Check the type id, or ask the registrar.`,
  }),
  LicenceTypeRegistryUnknownVersion: ([typeId, version]) => ({
    zh: `证照类型 ${int(typeId)} 没有第 ${int(version)} 版。请核对版本号，或检查证照文件。`,
    en: `Licence type ${int(typeId)} has no version ${int(version)}. Check the version, or the licence file.`,
  }),
  LicenceTypeRegistryInvalidCode: ([code]) => {
    const c = quoted(code);
    return {
      zh: `证照类型代码${c.zh}为空、超过 48 字节，或已被占用。请更换代码后重试。`,
      en: `Licence type code ${c.en} is empty, longer than 48 bytes, or taken. Choose another code.`,
    };
  },
  LicenceTypeRegistryInvalidName: () => ({
    zh: "证照类型名称为空或过长（最多 128 字节）。请修改名称后重试。",
    en: "The licence type name is empty or too long (at most 128 bytes). Correct it and try again.",
  }),
  LicenceTypeRegistryInvalidLevel: () => ({
    zh: `证照类型级别无效。请选择${levelsZh}。`,
    en: `The licence type level is invalid. Choose ${levelsEn}.`,
  }),
  LicenceTypeRegistryInvalidField: ([fieldIndex]) => ({
    zh: `证照字段 ${index(fieldIndex)} 为空、过长（最多 128 字节）或与前面的字段重名；或字段数量不在 1 至 128 个之间。请修改字段列表后重试。`,
    en: `Field ${index(fieldIndex)} is empty, too long (at most 128 bytes) or repeats an earlier name; or the number of fields is not 1 to 128. Correct the field list and try again.`,
  }),
  LicenceTypeRegistryInvalidIssuer: ([departmentId]) =>
    int(departmentId) === "0"
      ? {
          zh: "签发部门列表为空或超过 64 个（或包含部门 0）。请指定 1 至 64 个已登记的签发部门。",
          en: "The list of issuing departments is empty or longer than 64 (or names department 0). Name 1 to 64 registered departments.",
        }
      : {
          zh: `签发部门 ${int(departmentId)} 不存在或在列表中重复。请核对签发部门列表。`,
          en: `Issuing department ${int(departmentId)} does not exist or is listed twice. Check the list of issuers.`,
        },
  LicenceTypeRegistryTypeInactive: ([typeId]) => ({
    zh: `证照类型 ${int(typeId)} 已停用，不能再发布新版本或再次停用。如需继续签发此类证照，请联系平台登记员登记新的证照类型。`,
    en: `Licence type ${int(typeId)} is deactivated: it cannot get new versions or be deactivated again. To keep issuing such licences, ask the registrar to register a new type.`,
  }),

  // --- LicenceRegistry: issued licences and batches -----------------------------------------------

  LicenceRegistryZeroId: () => ({
    zh: "证照编号不能为零。请检查证照文件或签发数据。",
    en: "The licence id must not be zero. Check the licence file or the issuing data.",
  }),
  LicenceRegistryAlreadyIssued: ([licenceId]) => ({
    zh: `编号为 ${hex(licenceId)} 的证照或批次已经存在，编号不能重复使用。请核对是否已签发；如需重新签发，请生成新的证照编号。`,
    en: `A licence or batch with id ${hex(licenceId)} already exists; an id cannot be reused. Check whether it was already issued; to issue again, build a new licence id.`,
  }),
  LicenceRegistryUnknownLicence: ([licenceId]) => ({
    zh: `证照登记合约中没有编号为 ${hex(licenceId)} 的证照或批次（未签发）。如为批次中的证照，请连同批次根和批次证明一并提供；否则请核对证照文件，或联系签发部门。`,
    en: `No licence or batch ${hex(licenceId)} is on record: it was never issued. For a member of a batch, give its batch root and membership proof too; otherwise check the licence file, or contact the issuing department.`,
  }),
  LicenceRegistryNotInBatch: ([batchRoot, licenceId]) => ({
    zh: `证照 ${hex(licenceId)} 不在批次 ${hex(batchRoot)} 中（成员证明无效，或该编号不是批次）。请核对证照文件中的批次信息。`,
    en: `Licence ${hex(licenceId)} is not in batch ${hex(batchRoot)} (bad membership proof, or that id is not a batch). Check the batch details in the licence file.`,
  }),
  LicenceRegistryNotIssuer: ([licenceId, issuerDepartment, callerDepartment]) => {
    const caller = department(callerDepartment);
    return {
      zh: `证照 ${hex(licenceId)} 由部门 ${int(issuerDepartment)} 签发，您所在的${caller.zh}无权变更。请联系签发部门办理。`,
      en: `Licence ${hex(licenceId)} was issued by department ${int(issuerDepartment)}; your ${caller.en} cannot change it. Ask the issuing department.`,
    };
  },
  LicenceRegistryInvalidState: ([licenceId, state]) => {
    const s = enumWord(state, licenceStates);
    return {
      zh: `证照 ${hex(licenceId)} 当前状态为“${s.zh}”，不能进行此项变更（只能暂停有效的证照、恢复已暂停的证照、吊销未吊销的证照；整批证照不能整体替换，须逐张替换）。请核对证照状态。`,
      en: `Licence ${hex(licenceId)} is ${s.en}, which does not allow this change (only an issued licence can be suspended, a suspended one reinstated, an unrevoked one revoked; a whole batch is replaced member by member). Check its status.`,
    };
  },
  LicenceRegistryInvalidExpiry: ([expiresAt]) => ({
    zh: `证照到期时间 ${time(expiresAt)} 不晚于当前区块时间。请设置晚于当前时间的到期时间，或不设到期时间。`,
    en: `The licence expiry ${time(expiresAt)} is not in the future. Set a later expiry, or none.`,
  }),
  LicenceRegistryEmptyBatch: () => ({
    zh: "批量签发至少须包含一张证照。请检查批次数据。",
    en: "A batch must hold at least one licence. Check the batch data.",
  }),
  LicenceRegistryUnauthorizedSync: ([caller]) => ({
    zh: `账户 ${hex(caller)} 不是部门登记合约，不能同步承办人员信息。这通常是配置错误，请联系平台技术支持。`,
    en: `Account ${hex(caller)} is not the department registry and cannot sync officers. This is usually a configuration error; contact platform support.`,
  }),

  // --- RestrictionList: restricted subjects (e.g. dishonest entities) -----------------------------

  RestrictionListNotLister: ([account, departmentId]) => ({
    zh: `账户 ${hex(account)} 所在的部门 ${int(departmentId)} 未获准维护限制名单。如需开通，请联系平台登记员。`,
    en: `Department ${int(departmentId)} of account ${hex(account)} may not maintain the restriction list. Ask the registrar if it should.`,
  }),
  RestrictionListZeroSubject: () => ({
    zh: "限制对象标识不能为空。请检查对象标识的计算。",
    en: "The subject hash must not be zero. Check how the subject was hashed.",
  }),
  RestrictionListInvalidExpiry: ([expiresAt]) => ({
    zh: `限制到期时间 ${time(expiresAt)} 不晚于当前区块时间。请设置晚于当前时间的到期时间，或不设到期时间。`,
    en: `The restriction's expiry ${time(expiresAt)} is not in the future. Set a later expiry, or none.`,
  }),
  RestrictionListNotListed: ([subject]) => ({
    zh: `对象 ${hex(subject)} 不在限制名单中，无需解除。请核对对象标识。`,
    en: `Subject ${hex(subject)} is not on the restriction list; nothing to remove. Check the subject.`,
  }),
  RestrictionListListedByOther: ([subject, listedBy]) => ({
    zh: `对象 ${hex(subject)} 已由部门 ${int(listedBy)} 列入限制名单，只有该部门可以解除或续期。请联系部门 ${int(listedBy)}。`,
    en: `Subject ${hex(subject)} was listed by department ${int(listedBy)}, which alone may unlist or renew it. Contact department ${int(listedBy)}.`,
  }),

  // --- ServiceCatalog: service matters (政务服务事项) and their versions -----------------------------

  ServiceCatalogUnknownMatter: ([matterId]) => ({
    zh: `事项 ${int(matterId)} 不存在。请核对事项编号。`,
    en: `Matter ${int(matterId)} does not exist. Check the matter id.`,
  }),
  ServiceCatalogUnknownVersion: ([matterId, version]) => ({
    zh: `事项 ${int(matterId)} 没有第 ${int(version)} 版。请核对版本号。`,
    en: `Matter ${int(matterId)} has no version ${int(version)}. Check the version.`,
  }),
  ServiceCatalogInvalidCode: ([code]) => {
    const c = quoted(code);
    return {
      zh: `事项代码${c.zh}为空、超过 48 字节，或已被占用。请更换代码后重试。`,
      en: `Matter code ${c.en} is empty, longer than 48 bytes, or taken. Choose another code.`,
    };
  },
  ServiceCatalogInvalidName: () => ({
    zh: "事项名称为空或过长（最多 128 字节）。请修改名称后重试。",
    en: "The matter name is empty or too long (at most 128 bytes). Correct it and try again.",
  }),
  ServiceCatalogInvalidStepCount: ([steps]) => ({
    zh: `办理步骤数 ${int(steps)} 无效：须为 1 至 16 个。请调整办理流程后重试。`,
    en: `${int(steps)} step(s) is not allowed: a matter has 1 to 16 steps. Adjust the flow and try again.`,
  }),
  ServiceCatalogUnknownDepartment: ([step, departmentId]) => ({
    zh: `步骤 ${index(step)} 指定的部门 ${int(departmentId)} 不存在或已停用。请选择在用的部门。`,
    en: `Step ${index(step)} names department ${int(departmentId)}, which does not exist or is inactive. Choose an active department.`,
  }),
  ServiceCatalogInvalidDependency: ([step, dependsOn]) => ({
    zh: `步骤 ${index(step)} 的前置步骤（${stepsOfMask(dependsOn, "、")}）包含其自身或排在其后的步骤。每个步骤只能依赖排在它前面的步骤，请调整流程。`,
    en: `Step ${index(step)} depends on steps (${stepsOfMask(dependsOn, ", ")}) that include itself or a later step. A step may depend only on earlier steps: adjust the flow.`,
  }),
  ServiceCatalogInvalidTimeLimit: ([step, timeLimit]) => ({
    zh: `步骤 ${index(step)} 的办理时限 ${int(timeLimit)} 个工作日无效：须为 1 至 1000 个工作日。请修改时限。`,
    en: `Step ${index(step)}'s time limit of ${int(timeLimit)} working day(s) is invalid: it must be 1 to 1000 working days.`,
  }),
  ServiceCatalogInvalidRule: ([step, rule]) => ({
    zh: `步骤 ${index(step)} 指定的自动审批规则 ${hex(rule)} 不是合约地址。请核对规则合约地址。`,
    en: `Step ${index(step)} names automatic rule ${hex(rule)}, which is not a contract. Check the rule's address.`,
  }),
  ServiceCatalogInvalidMaterial: ([material]) => ({
    zh: `材料 ${index(material)} 的设置有误（如证照材料未指定或指定了不存在的证照类型、上传材料指定了证照类型、名称为空或过长）。请修改后重试。`,
    en: `Material ${index(material)} is malformed (e.g. a licence material with no or an unknown licence type, an upload with a licence type, an empty or too long name). Correct it and try again.`,
  }),
  ServiceCatalogInvalidMaterialCount: ([materials]) => ({
    zh: `材料数 ${int(materials)} 超过上限 64 个。请精简材料清单。`,
    en: `${int(materials)} materials exceed the limit of 64. Shorten the list of materials.`,
  }),
  ServiceCatalogInvalidOutput: ([licenceTypeId, outputStep]) => ({
    zh: `出证设置无效：证照类型 ${int(licenceTypeId)} 不存在，或出证步骤 ${index(outputStep)} 超出步骤范围。请核对出证证照类型和出证步骤。`,
    en: `The output is invalid: licence type ${int(licenceTypeId)} does not exist, or output step ${index(outputStep)} is out of range. Check the output licence type and step.`,
  }),
  ServiceCatalogOutputIssuerNotAuthorised: ([licenceTypeId, outputStep, departmentId]) => ({
    zh: `出证步骤 ${index(outputStep)} 的部门 ${int(departmentId)} 无权签发证照类型 ${int(licenceTypeId)}（见证照类型登记的签发部门）：按此办结的证照将无法通过签发部门核验。请把出证步骤改为有权签发的部门，或先由登记员把该部门加入该证照类型的签发部门。`,
    en: `Department ${int(departmentId)} of output step ${index(outputStep)} may not issue licence type ${int(licenceTypeId)} (see the type's issuers in the licence type registry): the licences this matter issues would fail the issuer check. Make the output step a department that issues the type, or have a registrar add the department to the type's issuers first.`,
  }),
  ServiceCatalogInvalidLink: ([link, matterId]) => ({
    zh: `关联事项 ${index(link)}（事项 ${int(matterId)}）无效：事项不存在、就是本事项、重复关联，或关联事项超过 8 个。请修改关联事项列表。`,
    en: `Linked matter ${index(link)} (matter ${int(matterId)}) is invalid: unknown, this matter itself, linked twice, or more than 8 links. Correct the list of linked matters.`,
  }),
  ServiceCatalogActiveUnchanged: ([matterId, active]) => {
    const a = activeWord(active);
    return {
      zh: `事项 ${int(matterId)} 已处于${a.zh}状态，无需重复操作。`,
      en: `Matter ${int(matterId)} is already ${a.en}; nothing to change.`,
    };
  },

  // --- WorkingCalendar: working days and time zone -------------------------------------------------

  WorkingCalendarInvalidDate: ([date]) => ({
    zh: `日期 ${ymd(date)} 无效：不是真实存在的日期，或不属于所设置的年份（日期格式为 YYYYMMDD）。请核对日期。`,
    en: `Date ${ymd(date)} is invalid: not a real date, or not in the year being set (dates are YYYYMMDD). Check the date.`,
  }),
  WorkingCalendarNotAnException: ([date]) => ({
    zh: `日期 ${ymd(date)} 不能登记为例外日期：法定节假日须为周一至周五，调休上班日须为周六或周日，且日期不得重复。请核对节假日安排。`,
    en: `Date ${ymd(date)} cannot be listed: a holiday must fall Monday to Friday, a make-up working day on a weekend, and no date may repeat. Check the holiday schedule.`,
  }),
  WorkingCalendarInvalidYear: ([year]) => ({
    zh: `年份 ${int(year)} 超出支持范围（1970 至 2200 年）。请核对年份。`,
    en: `Year ${int(year)} is outside the supported range 1970 to 2200. Check the year.`,
  }),
  WorkingCalendarInvalidTimeZone: ([offsetSeconds]) => ({
    zh: `时区偏移 ${utcOffset(offsetSeconds)} 超出 ±14 小时。北京时间为 UTC+08:00，请核对设置。`,
    en: `Time-zone offset ${utcOffset(offsetSeconds)} is beyond ±14 hours. Beijing time is UTC+08:00; check the setting.`,
  }),
  WorkingCalendarInvalidLength: ([workingDays]) => ({
    zh: `工作日数 ${int(workingDays)} 无效：须为 1 至 1000 个工作日。请核对时限。`,
    en: `${int(workingDays)} working day(s) is invalid: it must be 1 to 1000. Check the time limit.`,
  }),

  // --- OpenZeppelin upgrades, initialisation, proxies ----------------------------------------------

  ERC1967InvalidImplementation: ([implementation]) => ({
    zh: `新的实现地址 ${hex(implementation)} 上没有合约代码。请核对升级所用的实现合约地址。`,
    en: `New implementation ${hex(implementation)} has no contract code. Check the implementation address used for the upgrade.`,
  }),
  ERC1967NonPayable: () => ({
    zh: "此操作不接受转账金额。请将转账金额（value）设为 0 后重试。",
    en: "This operation accepts no payment. Set the value to 0 and try again.",
  }),
  UUPSUnauthorizedCallContext: () => ({
    zh: "升级函数只能通过代理合约调用，不能直接调用实现合约。请使用代理合约地址。",
    en: "Upgrade functions must be called through the proxy, not on the implementation. Use the proxy address.",
  }),
  UUPSUnsupportedProxiableUUID: ([slot]) => ({
    zh: `新实现合约返回的 proxiableUUID（${hex(slot)}）与 ERC-1967 实现存储槽不符，不是兼容的 UUPS 实现。请核对升级所用的实现合约。`,
    en: `The new implementation's proxiableUUID (${hex(slot)}) is not the ERC-1967 implementation slot: it is not a compatible UUPS implementation. Check the implementation used for the upgrade.`,
  }),
  InvalidInitialization: () => ({
    zh: "合约已经初始化，不能重复初始化。请检查部署或升级步骤。",
    en: "The contract is already initialised and cannot be initialised again. Check the deployment or upgrade steps.",
  }),
  NotInitializing: () => ({
    zh: "该函数只能在合约初始化期间调用。请检查部署或升级步骤。",
    en: "This function can only be called while the contract is being initialised. Check the deployment or upgrade steps.",
  }),

  // --- OpenZeppelin utilities (internal failures) ----------------------------------------------

  AddressEmptyCode: ([target]) => ({
    zh: `地址 ${hex(target)} 上没有合约代码。请核对合约地址，并确认连接的是正确的网络。`,
    en: `There is no contract code at ${hex(target)}. Check the contract address and that you are on the right network.`,
  }),
  FailedCall: () => ({
    zh: "合约内部调用失败。请稍后重试；如问题持续，请联系平台技术支持。",
    en: "An internal contract call failed. Try again later; if it persists, contact platform support.",
  }),
  InsufficientBalance: ([balance, needed]) => ({
    zh: `合约余额不足（现有 ${int(balance)} wei，需要 ${int(needed)} wei）。请联系平台技术支持。`,
    en: `The contract's balance is too low (${int(balance)} wei, ${int(needed)} wei needed). Contact platform support.`,
  }),
  InvalidAccountNonce: ([account, currentNonce]) => ({
    zh: `账户 ${hex(account)} 的签名序号不符（当前序号为 ${int(currentNonce)}）。请按当前序号重新签名。`,
    en: `Account ${hex(account)}'s signature nonce does not match (the current nonce is ${int(currentNonce)}). Sign again with the current nonce.`,
  }),
  MerkleProofInvalidMultiproof: () => ({
    zh: "证照字段证明的格式无效。请重新导出证照文件或披露文件后重试。",
    en: "The licence field proof is malformed. Export the licence file or disclosure again and retry.",
  }),
  SafeCastOverflowedUintDowncast: ([bits, value]) => ({
    zh: `数值 ${int(value)} 超出 ${int(bits)} 位整数的范围（通常是日期或期限过远）。请核对输入的日期或期限。`,
    en: `Value ${int(value)} does not fit in ${int(bits)} bits (usually a date or time limit too far ahead). Check the dates or limits given.`,
  }),
};
