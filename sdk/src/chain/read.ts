import type { Abi, ContractFunctionArgs, ContractFunctionName, ContractFunctionReturnType } from "viem";

import { decodeContractError } from "../errors/contract.ts";
import type { OneWindowClient } from "./client.ts";
import { ABIS_WITH_ERRORS, type AbiOf } from "./contracts.ts";
import type { ContractName } from "./deployment.ts";

type Readable = "view" | "pure";

/** What {@link readContract} calls. */
export type ReadParameters<N extends ContractName, F extends ContractFunctionName<AbiOf<N>, Readable>> = {
  contract: N;
  functionName: F;
  args: ContractFunctionArgs<AbiOf<N>, Readable, F>;
  /** Read at this block (default: latest). */
  blockNumber?: bigint | undefined;
};

/**
 * Reads started together, by key: the same read asked for by many actions started in one go (e.g.
 * `Promise.all` of a hundred issues checking the signer's department) is sent once. An entry lives
 * until the current task's microtasks have run, no longer: every read sharing it starts after
 * whatever the callers had seen mined when the task began (a node's answer arrives as a new task),
 * so sharing one answer cannot hide a write a caller saw mined. A read started later is sent again.
 */
const readsStartedTogether = new Map<string, Promise<unknown>>();

/** The key of a read: node, contract, function, arguments and block. */
function readKey(client: OneWindowClient, parameters: ReadParameters<ContractName, never>): string {
  const args = JSON.stringify(parameters.args, (_, value: unknown) =>
    typeof value === "bigint" ? `${value}n` : value,
  );
  return [
    client.chain.rpcUrls.default.http[0] ?? "",
    client.chain.id,
    client.addresses[parameters.contract],
    parameters.functionName,
    args,
    parameters.blockNumber ?? "latest",
  ].join("|");
}

/**
 * Calls a view function of a OneWindow contract; reverts are thrown decoded. The same read started
 * by many actions at once (in one task, before any answer came back) shares one request.
 *
 * @example
 * const department = await readContract(client, {
 *   contract: "DepartmentRegistry",
 *   functionName: "getDepartment",
 *   args: [1],
 * });
 */
export async function readContract<N extends ContractName, F extends ContractFunctionName<AbiOf<N>, Readable>>(
  client: OneWindowClient,
  parameters: ReadParameters<N, F>,
) {
  const key = readKey(client, parameters as unknown as ReadParameters<ContractName, never>);
  let read = readsStartedTogether.get(key);
  if (!read) {
    const abi: Abi = ABIS_WITH_ERRORS[parameters.contract];
    read = client.public.readContract({
      address: client.addresses[parameters.contract],
      abi,
      functionName: parameters.functionName as string,
      args: parameters.args as readonly unknown[],
      ...(parameters.blockNumber === undefined ? {} : { blockNumber: parameters.blockNumber }),
    });
    readsStartedTogether.set(key, read);
    queueMicrotask(() => readsStartedTogether.delete(key));
  }
  try {
    return (await read) as ReadReturnType<N, F>;
  } catch (error) {
    throw decodeContractError(error, { contract: parameters.contract, functionName: parameters.functionName });
  }
}

export type ReadReturnType<
  N extends ContractName,
  F extends ContractFunctionName<AbiOf<N>, Readable>,
> = ContractFunctionReturnType<AbiOf<N>, Readable, F>;
