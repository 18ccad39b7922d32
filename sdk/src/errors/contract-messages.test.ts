import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  encodeErrorResult,
  getContractError,
  RpcRequestError,
  toFunctionSelector,
  type AbiParameter,
  type Address,
  type Hex,
} from "viem";

import { LicenceProblem } from "../chain/enums.ts";
import { licenceRegistryAbi, oneWindowErrorsAbi, restrictionListAbi } from "../generated/abis.ts";
import { OneWindowError } from "./base.ts";
import { contractErrorMessages } from "./contract-messages.ts";
import { ContractRevertError, decodeContractError, TransactionFailedError } from "./contract.ts";

const ACCOUNT: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const ID: Hex = `0x${"11".repeat(32)}`;
const CJK = /[\u4e00-\u9fff]/;

type ErrorItem = (typeof oneWindowErrorsAbi)[number];
type Value = bigint | boolean | string | readonly Value[];

/** Which plausible value to build: small ones, zeros/false, or each type's maximum. */
type Flavour = "plausible" | "zero" | "max";

/** A value of ABI type `type` (`uint32`, `int32`, `address`, `bytes32`, `string`, `bool`, `T[]`, …). */
function valueOf(type: string, flavour: Flavour): Value {
  const array = /^(.*)\[(\d*)\]$/.exec(type);
  if (array) {
    const length = array[2] ? Number(array[2]) : 2;
    return Array.from({ length }, () => valueOf(array[1] ?? "", flavour));
  }
  const integer = /^(u?)int(\d*)$/.exec(type);
  if (integer) {
    const bits = BigInt(integer[2] || "256");
    const unsigned = integer[1] === "u";
    if (flavour === "zero") return 0n;
    if (flavour === "max") return unsigned ? 2n ** bits - 1n : 2n ** (bits - 1n) - 1n;
    return 1n;
  }
  if (type === "address") return flavour === "zero" ? `0x${"00".repeat(20)}` : ACCOUNT;
  if (type === "bool") return flavour !== "zero";
  if (type === "string") return flavour === "zero" ? "" : flavour === "max" ? "HD-".repeat(100) : "HD-SAMR";
  const bytes = /^bytes(\d+)$/.exec(type);
  if (bytes) return `0x${(flavour === "zero" ? "00" : flavour === "max" ? "ff" : "11").repeat(Number(bytes[1]))}`;
  if (type === "bytes") return flavour === "zero" ? "0x" : "0x1234";
  throw new Error(`no generator for ABI type ${type}`);
}

function argsOf(item: ErrorItem, flavour: Flavour): Value[] {
  return (item.inputs as readonly AbiParameter[]).map((input) => valueOf(input.type, flavour));
}

/** The args as viem decodes them from revert data (numbers for ≤48-bit integers, checksummed addresses). */
function decodedArgs(item: ErrorItem, flavour: Flavour): readonly unknown[] {
  const data = encodeErrorResult({
    abi: oneWindowErrorsAbi,
    errorName: item.name,
    args: argsOf(item, flavour),
  } as never);
  return (decodeErrorResult({ abi: oneWindowErrorsAbi, data }).args ?? []) as readonly unknown[];
}

function message(name: string, args: readonly unknown[]): { zh: string; en: string } {
  const entry = contractErrorMessages[name];
  assert.ok(entry, `no message for ${name}`);
  return entry(args);
}

function assertWellFormed(name: string, text: { zh: string; en: string }): void {
  for (const [language, value] of Object.entries(text)) {
    assert.equal(typeof value, "string", `${name}.${language} is not a string`);
    assert.ok(value.trim().length > 0, `${name}.${language} is empty`);
    for (const bad of ["undefined", "NaN", "[object", "Invalid Date", "null"]) {
      assert.ok(!value.includes(bad), `${name}.${language} contains ${bad}: ${value}`);
    }
  }
  assert.match(text.zh, CJK, `${name}.zh has no Chinese: ${text.zh}`);
  assert.doesNotMatch(text.en, CJK, `${name}.en has Chinese: ${text.en}`);
}

function encode(errorName: string, args: readonly unknown[]): Hex {
  return encodeErrorResult({ abi: oneWindowErrorsAbi, errorName, args } as never);
}

describe("contractErrorMessages", () => {
  it("has an entry for every error of oneWindowErrorsAbi, and none for errors that no longer exist", () => {
    const names = new Set(oneWindowErrorsAbi.map((item) => item.name));
    const missing = [...names].filter((name) => !(name in contractErrorMessages));
    assert.deepEqual(missing, [], `errors without user-facing text: ${missing.join(", ")}`);
    const stale = Object.keys(contractErrorMessages).filter((name) => !names.has(name as ErrorItem["name"]));
    assert.deepEqual(stale, [], `messages for errors no contract raises: ${stale.join(", ")}`);
  });

  describe("gives well-formed zh and en text for plausible arguments", () => {
    for (const item of oneWindowErrorsAbi) {
      it(item.name, () => {
        assertWellFormed(item.name, message(item.name, argsOf(item, "plausible")));
        assertWellFormed(item.name, message(item.name, decodedArgs(item, "plausible")));
      });
    }
  });

  it("gives well-formed text for zero and maximal arguments, and for missing ones", () => {
    for (const item of oneWindowErrorsAbi) {
      for (const flavour of ["zero", "max"] as const) {
        assertWellFormed(`${item.name} (${flavour})`, message(item.name, argsOf(item, flavour)));
        assertWellFormed(`${item.name} (${flavour}, decoded)`, message(item.name, decodedArgs(item, flavour)));
      }
      assertWellFormed(`${item.name} (no args)`, message(item.name, []));
    }
  });

  it("names the account in AccessManagedUnauthorized", () => {
    const text = message("AccessManagedUnauthorized", [ACCOUNT]);
    assert.ok(text.zh.includes(ACCOUNT));
    assert.ok(text.en.includes(ACCOUNT));
  });

  it("names the role and the function in AccessManager errors", () => {
    const account = message("AccessManagerUnauthorizedAccount", [ACCOUNT, 1n]);
    assert.match(account.zh, /平台登记员（角色 1）/);
    assert.match(account.en, /registrar \(role 1\)/);
    const revoke = licenceRegistryAbi.find((item) => item.type === "function" && item.name === "revoke");
    assert.ok(revoke?.type === "function");
    const selector = toFunctionSelector(revoke);
    const call = message("AccessManagerUnauthorizedCall", [ACCOUNT, ACCOUNT, selector]);
    assert.ok(call.en.includes(`revoke (${selector})`), call.en);
    const delay = message("AccessManagedRequiredDelay", [ACCOUNT, 86_400]);
    assert.match(delay.zh, /86400 秒（1 天）/);
    assert.match(delay.en, /86400 seconds \(1 day\)/);
  });

  it("words application statuses, outcomes and licence states", () => {
    const status = message("ApprovalEngineInvalidStatus", [ID, 2]);
    assert.match(status.zh, /已退回补正/);
    assert.match(status.en, /returned for correction/);
    const vote = message("ApprovalEngineConflictingVote", [2, 17]);
    assert.match(vote.zh, /驳回.*原因代码 17/);
    assert.match(vote.en, /"reject" \(reason code 17\)/);
    const state = message("LicenceRegistryInvalidState", [ID, 2]);
    assert.match(state.zh, /已暂停/);
    assert.match(state.en, /is suspended/);
    assert.match(message("ApprovalEngineInvalidStatus", [ID, 9]).en, /unknown \(9\)/);
  });

  it("explains which licence check failed", () => {
    const holder = message("ApprovalEngineInvalidLicence", [3, ID, LicenceProblem.NotHolder]);
    assert.ok(holder.zh.includes(ID) && holder.zh.includes("材料 #3") && holder.zh.includes("不属于申请人"));
    assert.match(holder.en, /not held by the applicant/);
    assert.match(
      message("ApprovalEngineInvalidLicence", [0, ID, LicenceProblem.IssuerNotAuthorised]).en,
      /not authorised/,
    );
  });

  it("shows times as ISO 8601, calendar dates as YYYY-MM-DD and offsets as UTC±hh:mm", () => {
    const expiry = message("LicenceRegistryInvalidExpiry", [1_735_689_600]);
    assert.ok(expiry.zh.includes("2025-01-01T00:00:00Z") && expiry.en.includes("2025-01-01T00:00:00Z"));
    assert.ok(message("ConsentRegistryExpiredSignature", [1_735_689_600n]).en.includes("2025-01-01T00:00:00Z"));
    assert.ok(message("WorkingCalendarInvalidDate", [20_250_230]).zh.includes("2025-02-30"));
    assert.ok(message("WorkingCalendarInvalidTimeZone", [-54_000]).en.includes("UTC-15:00"));
    assert.ok(message("WorkingCalendarInvalidTimeZone", [19_800]).en.includes("UTC+05:30"));
  });

  it("names the departments and steps concerned", () => {
    const notIssuer = message("LicenceRegistryNotIssuer", [ID, 3, 7]);
    assert.ok(notIssuer.zh.includes("部门 3") && notIssuer.zh.includes("部门 7"), notIssuer.zh);
    assert.ok(notIssuer.en.includes("department 3") && notIssuer.en.includes("department 7"), notIssuer.en);
    const dependency = message("ServiceCatalogInvalidDependency", [1n, 0b110]);
    assert.ok(dependency.en.includes("#1, #2"), dependency.en);
    assert.ok(dependency.zh.includes("#1、#2"), dependency.zh);
    assert.match(message("NotDepartmentOfficer", [ACCOUNT, 0]).zh, /不是任何在用部门/);
    assert.match(message("DepartmentRegistryActiveUnchanged", [5, false]).en, /department 5 is already inactive/i);
    assert.ok(message("DepartmentRegistryInvalidCode", ["HD-SAMR"]).zh.includes("“HD-SAMR”"));
  });
});

/**
 * What each message must say, from its error's NatSpec and every revert site in contracts/: a case
 * the contract reverts with that the text leaves out (or words as another) misleads the user.
 */
const MEANINGS: Record<string, { args: readonly unknown[]; en: RegExp[]; zh: RegExp[]; notEn?: RegExp[] }> = {
  // _vote: the first approving vote names an id that already exists in LicenceRegistry; _checkDecision:
  // missing on the output step, or given for another step or outcome; autoReview: named by someone
  // other than the output department; _complete: the output step never named one.
  ApprovalEngineInvalidOutputLicence: {
    args: [ID, 1],
    en: [/already exists/, /missing|no output licence id/, /not the output step|issues none/, /department/],
    zh: [/已存在/, /未填写|缺少/, /非出证/, /部门/],
  },
  // _vote: another outcome, another reason code, or another output licence id than the pending vote's.
  ApprovalEngineConflictingVote: { args: [1, 0], en: [/output licence/], zh: [/出证/] },
  // NatSpec: conditional materials are refused on chain; _checkMaterials: licences and their material indexes differ in number.
  ApprovalEngineUnexpectedMaterial: { args: [0], en: [/conditional/, /number/], zh: [/条件/, /数量/] },
  // _vote and DepartmentRegistry.officerMask: not an officer, or the department is inactive.
  ApprovalEngineNotStepOfficer: { args: [ACCOUNT, 3], en: [/inactive/], zh: [/停用/] },
  // _activeStep: the index is beyond the application's steps, or the step is not active.
  ApprovalEngineStepNotActive: { args: [ID, 9], en: [/no such step|does not exist/], zh: [/不存在/] },
  // submitLinked: not completed, another matter than the submission's, the caller is not the starter, used, not offered.
  ApprovalEngineInvalidLinkedStart: { args: [ID, 4], en: [/starter/, /completed/], zh: [/发起/, /办结/] },
  // _ruleHolds: a rule that reverts (e.g. malformed evidence) does not hold.
  ApprovalEngineRuleNotSatisfied: { args: [ID, 0], en: [/evidence/], zh: [/证据|依据/] },
  // LicenceRegistry: only for an id with no record named without a batch; a bad batch proof is NotInBatch.
  LicenceRegistryUnknownLicence: { args: [ID], en: [/never issued/], zh: [/未签发/], notEn: [/proof does not hold/] },
  // expiresAt <= now: an expiry equal to the block time is refused too.
  LicenceRegistryInvalidExpiry: { args: [1_735_689_600], en: [/not in the future/], zh: [/不晚于当前/] },
  RestrictionListInvalidExpiry: { args: [1_735_689_600], en: [/not in the future/], zh: [/不晚于当前/] },
};

describe("contractErrorMessages say what each error means", () => {
  for (const [name, meaning] of Object.entries(MEANINGS)) {
    it(name, () => {
      assert.ok(
        oneWindowErrorsAbi.some((item) => item.name === name),
        `${name} is not an error of the ABIs`,
      );
      const text = message(name, meaning.args);
      for (const pattern of meaning.en) assert.match(text.en, pattern);
      for (const pattern of meaning.zh) assert.match(text.zh, pattern);
      for (const pattern of meaning.notEn ?? []) assert.doesNotMatch(text.en, pattern);
    });
  }

  it("says an output licence id that already exists already exists, not that it is missing", () => {
    const text = message("ApprovalEngineInvalidOutputLicence", [ID, 1]);
    assert.match(text.en, /already exists in the licence registry/);
    assert.match(text.zh, /已存在/);
    assert.doesNotMatch(text.en, /^[^:]*needs the output licence id/);
  });
});

describe("decodeContractError", () => {
  const context = { contract: "LicenceRegistry", functionName: "revoke" };

  it("decodes a ContractFunctionRevertedError inside a ContractFunctionExecutionError", () => {
    const data = encode("LicenceRegistryNotIssuer", [ID, 3, 7]);
    const reverted = new ContractFunctionRevertedError({ abi: oneWindowErrorsAbi, data, functionName: "revoke" });
    const wrapped = new ContractFunctionExecutionError(reverted, {
      abi: licenceRegistryAbi,
      functionName: "revoke",
      args: [ID, `0x${"00".repeat(32)}`, [], 1],
      contractAddress: ACCOUNT,
    });
    const error = decodeContractError(wrapped, context);
    assert.ok(error instanceof ContractRevertError);
    assert.equal(error.errorName, "LicenceRegistryNotIssuer");
    assert.deepEqual(error.args, [ID, 3, 7]);
    assert.equal(error.data, data);
    assert.equal(error.code, "CONTRACT_LicenceRegistryNotIssuer");
    assert.deepEqual(error.messages, message("LicenceRegistryNotIssuer", [ID, 3, 7]));
    assert.equal(error.cause, wrapped);
    assert.match(error.shortMessage, /^LicenceRegistry\.revoke reverted with LicenceRegistryNotIssuer\(/);
  });

  it("decodes an error of another contract than the one called (ABI without that error)", () => {
    const data = encode("AccessManagedUnauthorized", [ACCOUNT]);
    const reverted = new ContractFunctionRevertedError({ abi: [], data, functionName: "list" });
    const wrapped = new ContractFunctionExecutionError(reverted, {
      abi: restrictionListAbi,
      functionName: "list",
      args: [ID, 1, 0],
    });
    const error = decodeContractError(wrapped, { contract: "RestrictionList", functionName: "list" });
    assert.ok(error instanceof ContractRevertError);
    assert.equal(error.errorName, "AccessManagedUnauthorized");
    assert.deepEqual(error.args, [ACCOUNT]);
    assert.ok(error.messages.zh.includes(ACCOUNT) && error.messages.en.includes(ACCOUNT));
  });

  it("decodes a raw RPC error carrying the revert data, as viem wraps it", () => {
    const data = encode("ApprovalEngineInvalidStatus", [ID, 2]);
    const rpc = new RpcRequestError({
      body: { method: "eth_call" },
      error: { code: 3, message: "execution reverted", data },
      url: "http://127.0.0.1:8545",
    });
    for (const thrown of [
      rpc,
      getContractError(rpc, { abi: oneWindowErrorsAbi, functionName: "resubmit", args: [], address: ACCOUNT }),
    ]) {
      const error = decodeContractError(thrown, { contract: "ApprovalEngine", functionName: "resubmit" });
      assert.ok(error instanceof ContractRevertError, `${(thrown as Error).name}: ${error.name}`);
      assert.equal(error.errorName, "ApprovalEngineInvalidStatus");
      assert.deepEqual(error.args, [ID, 2]);
      assert.match(error.messages.zh, /已退回补正/);
      assert.match(error.messages.en, /returned for correction/);
    }
  });

  it("finds revert data nested as { data: { data } } in the cause chain", () => {
    const data = encode("WorkingCalendarInvalidYear", [1969]);
    const node = Object.assign(new Error("execution reverted"), { data: { message: "reverted", data } });
    const error = decodeContractError(new BaseError("call failed", { cause: node }), {});
    assert.ok(error instanceof ContractRevertError);
    assert.equal(error.errorName, "WorkingCalendarInvalidYear");
    assert.deepEqual(error.args, [1969]);
    assert.match(error.messages.zh, /年份 1969/);
  });

  it("gives a generic message for revert data with an unknown selector", () => {
    const data: Hex = "0xdeadbeef0000000000000000000000000000000000000000000000000000000000000001";
    const rpc = new RpcRequestError({
      body: { method: "eth_call" },
      error: { code: 3, message: "execution reverted", data },
      url: "http://127.0.0.1:8545",
    });
    const error = decodeContractError(rpc, context);
    assert.ok(error instanceof ContractRevertError);
    assert.equal(error.errorName, undefined);
    assert.deepEqual(error.args, []);
    assert.equal(error.data, data);
    assert.equal(error.code, "CONTRACT_REVERTED");
    assertWellFormed("unknown", error.messages);
    assert.match(error.messages.zh, /合约拒绝了该操作/);
    assert.match(error.messages.en, /refused the operation/);
    assert.match(error.message, /revert data 0xdeadbeef/);
  });

  it("passes OneWindow errors through and wraps other failures", () => {
    const own = new OneWindowError("x", { code: "X", messages: { zh: "错", en: "x" } });
    assert.equal(decodeContractError(own, context), own);
    assert.ok(decodeContractError(new Error("boom"), context) instanceof TransactionFailedError);
  });

  it("says what to do about a failed transaction only where it helps, in both languages", () => {
    const hash = `0x${"ab".repeat(32)}` as const;
    const outOfGas = new TransactionFailedError(hash, {
      en: "ran out of gas (89,289 of 90,242 used)",
      zh: "燃料（gas）耗尽",
      advice: "resend",
    });
    assert.equal(
      outOfGas.messages.en,
      "The transaction did not complete: ran out of gas (89,289 of 90,242 used). Send it again.",
    );
    assert.equal(outOfGas.messages.zh, "交易未能完成：燃料（gas）耗尽。请重新发送。");
    const reverted = new TransactionFailedError(hash, {
      en: "reverted on chain without a reason",
      zh: "交易在链上被回滚",
      advice: "none",
    });
    assert.equal(reverted.messages.en, "The transaction did not complete: reverted on chain without a reason.");
    assert.ok(!/connection|连接/.test(reverted.messages.en + reverted.messages.zh));
    // A reason from the node (English only) keeps the connection advice.
    const fromNode = new TransactionFailedError(undefined, "request timed out");
    assert.match(fromNode.messages.en, /request timed out\. Check the connection to the node/);
    assert.match(fromNode.messages.zh, /请检查节点连接后重试/);
  });
});
