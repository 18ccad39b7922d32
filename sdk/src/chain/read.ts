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
 * Calls a view function of a OneWindow contract; reverts are thrown decoded.
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
  const abi: Abi = ABIS_WITH_ERRORS[parameters.contract];
  try {
    return (await client.public.readContract({
      address: client.addresses[parameters.contract],
      abi,
      functionName: parameters.functionName as string,
      args: parameters.args as readonly unknown[],
      ...(parameters.blockNumber === undefined ? {} : { blockNumber: parameters.blockNumber }),
    })) as ReadReturnType<N, F>;
  } catch (error) {
    throw decodeContractError(error, { contract: parameters.contract, functionName: parameters.functionName });
  }
}

export type ReadReturnType<
  N extends ContractName,
  F extends ContractFunctionName<AbiOf<N>, Readable>,
> = ContractFunctionReturnType<AbiOf<N>, Readable, F>;
