import {
  BaseError as ViemBaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  type Hash,
  type Hex,
} from "viem";

import { oneWindowErrorsAbi } from "../generated/abis.ts";
import { OneWindowError, type OneWindowErrorMessages } from "./base.ts";
import { contractErrorMessages } from "./contract-messages.ts";

/** Where a revert happened, for the message. */
export type RevertContext = { contract?: string | undefined; functionName?: string | undefined };

/**
 * A OneWindow contract reverted with one of its named errors. `errorName` and `args` are the
 * contract's (e.g. `LicenceRegistryUnknownLicence(licenceId)`); `messages` say in Chinese and
 * English what happened and what to do.
 *
 * @example
 * try {
 *   await revokeLicence(client, { licenceId, reason: 1 });
 * } catch (error) {
 *   if (error instanceof ContractRevertError && error.errorName === "LicenceRegistryUnknownLicence") …
 * }
 */
export class ContractRevertError extends OneWindowError {
  override name = "ContractRevertError";
  /** The contract's error name, e.g. `AccessManagedUnauthorized`; `undefined` if undecodable. */
  readonly errorName: string | undefined;
  /** The error's arguments, in ABI order. */
  readonly args: readonly unknown[];
  /** The raw revert data. */
  readonly data: Hex | undefined;

  constructor(parameters: {
    errorName: string | undefined;
    args: readonly unknown[];
    data: Hex | undefined;
    context: RevertContext;
    cause?: unknown;
  }) {
    const { errorName, args, context } = parameters;
    const where = [context.contract, context.functionName].filter(Boolean).join(".");
    const shown = errorName ? `${errorName}(${args.map(formatArg).join(", ")})` : "an unknown error";
    super(`${where || "The contract"} reverted with ${shown}.`, {
      code: errorName ? `CONTRACT_${errorName}` : "CONTRACT_REVERTED",
      messages: messagesFor(errorName, args),
      details: parameters.data && !errorName ? `revert data ${parameters.data}` : undefined,
      cause: parameters.cause,
    });
    this.errorName = errorName;
    this.args = args;
    this.data = parameters.data;
  }
}

/** A transaction could not be sent or mined, for a reason other than a contract's error. */
/**
 * Why a transaction failed, in both languages when the SDK knows it (a reason from the node is
 * English only), and what to do: `connection` (the default: a failure talking to the node), `resend`
 * (it may pass if sent again), or `none` (sending it again will not help).
 */
export type TransactionFailure = string | { en: string; zh: string; advice?: "connection" | "resend" | "none" };

const ADVICE = {
  connection: { zh: "请检查节点连接后重试。", en: "Check the connection to the node and try again." },
  resend: { zh: "请重新发送。", en: "Send it again." },
  none: { zh: "", en: "" },
};

/** A transaction did not complete: not mined, reverted without a known error, or the node failed. */
export class TransactionFailedError extends OneWindowError {
  override name = "TransactionFailedError";
  readonly hash: Hash | undefined;
  constructor(hash: Hash | undefined, failure: TransactionFailure, cause?: unknown) {
    const reason = typeof failure === "string" ? { en: failure, zh: failure } : failure;
    const advice = ADVICE[(typeof failure === "string" ? undefined : failure.advice) ?? "connection"];
    super(`Transaction ${hash ?? ""} ${reason.en}.`.replace("  ", " "), {
      code: "TRANSACTION_FAILED",
      messages: {
        zh: `交易未能完成：${reason.zh}。${advice.zh}`,
        en: `The transaction did not complete: ${reason.en}.${advice.en ? ` ${advice.en}` : ""}`,
      },
      cause,
    });
    this.hash = hash;
  }
}

/** The node could not be reached. */
export class NodeUnreachableError extends OneWindowError {
  override name = "NodeUnreachableError";
  constructor(url: string | undefined, cause?: unknown) {
    super(`The chain node ${url ?? ""} cannot be reached.`.replace("  ", " "), {
      code: "NODE_UNREACHABLE",
      messages: {
        zh: `无法连接区块链节点${url ? ` ${url}` : ""}，请确认节点已启动（npm run dev）且地址正确。`,
        en: `Cannot reach the chain node${url ? ` at ${url}` : ""}: check that it is running (npm run dev) and the address is right.`,
      },
      cause,
    });
  }
}

/**
 * Turns whatever a viem call threw into a OneWindow error: a named contract error with its
 * arguments when the revert data decodes against any OneWindow contract's errors, an unreachable
 * node, or a failed transaction. OneWindow errors pass through unchanged.
 */
export function decodeContractError(error: unknown, context: RevertContext): OneWindowError {
  if (error instanceof OneWindowError) return error;
  if (error instanceof ViemBaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError) as
      ContractFunctionRevertedError | undefined;
    const data = reverted?.raw ?? findRevertData(error);
    if (reverted?.data?.errorName) {
      return new ContractRevertError({
        errorName: reverted.data.errorName,
        args: reverted.data.args ?? [],
        data,
        context,
        cause: error,
      });
    }
    if (data && data.length >= 10) {
      try {
        const decoded = decodeErrorResult({ abi: oneWindowErrorsAbi, data });
        return new ContractRevertError({
          errorName: decoded.errorName,
          args: (decoded.args ?? []) as readonly unknown[],
          data,
          context,
          cause: error,
        });
      } catch {
        return new ContractRevertError({ errorName: undefined, args: [], data, context, cause: error });
      }
    }
    const http = error.walk((e) => (e as { name?: string }).name === "HttpRequestError") as
      { url?: string } | undefined;
    if (http) return new NodeUnreachableError(http.url, error);
    if (reverted) return new ContractRevertError({ errorName: undefined, args: [], data, context, cause: error });
    return new TransactionFailedError(undefined, error.shortMessage, error);
  }
  return new TransactionFailedError(undefined, error instanceof Error ? error.message : String(error), error);
}

/** Revert data anywhere in a viem error's cause chain (`data` of an RPC error). */
function findRevertData(error: ViemBaseError): Hex | undefined {
  let found: Hex | undefined;
  error.walk((e) => {
    const data = (e as { data?: unknown }).data;
    if (typeof data === "string" && data.startsWith("0x")) found = data as Hex;
    else if (typeof data === "object" && data !== null && typeof (data as { data?: unknown }).data === "string") {
      found = (data as { data: Hex }).data;
    }
    return found !== undefined;
  });
  return found;
}

function messagesFor(errorName: string | undefined, args: readonly unknown[]): OneWindowErrorMessages {
  const known = errorName ? contractErrorMessages[errorName] : undefined;
  if (known) return known(args);
  return {
    zh: `合约拒绝了该操作${errorName ? `（${errorName}）` : ""}。`,
    en: `The contract refused the operation${errorName ? ` (${errorName})` : ""}.`,
  };
}

function formatArg(value: unknown): string {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return value;
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}
