/**
 * Operations scheduled through the AccessManager (a role with an execution delay schedules its
 * calls; they can be executed once the delay has passed, or cancelled): listed from the chain's
 * `OperationScheduled` events, described by function and department, executed and cancelled.
 */
import { decodeFunctionData, getAddress, type Abi, type Address, type Hash, type Hex } from "viem";

import type { OneWindowClient } from "../chain/client.ts";
import { ABIS } from "../chain/contracts.ts";
import type { ContractName } from "../chain/deployment.ts";
import { readContract } from "../chain/read.ts";
import { writeContract } from "../chain/write.ts";

/** One operation scheduled and neither executed, cancelled nor expired. */
export type ScheduledOperation = {
  operationId: Hex;
  /** Who scheduled it (who may execute it). */
  caller: Address;
  target: Address;
  /** The contract it calls, by name (`undefined` for an address not of the deployment). */
  contract: ContractName | undefined;
  /** The function it calls, and its arguments (when the contract is known). */
  functionName: string | undefined;
  args: readonly unknown[];
  data: Hex;
  /** From when it can be executed (Unix seconds). */
  executableAt: number;
  /** Whether that time has come (chain time). */
  due: boolean;
};

/**
 * The operations scheduled through the AccessManager that are still waiting or due (not executed,
 * cancelled or expired), oldest first.
 *
 * @example
 * for (const op of await listScheduledOperations(client)) console.log(op.functionName, op.executableAt, op.due);
 */
export async function listScheduledOperations(client: OneWindowClient): Promise<ScheduledOperation[]> {
  const manager = client.addresses.AccessManager;
  const fromBlock = BigInt(client.deployment.contracts.AccessManager?.startBlock ?? 0);
  const [logs, block] = await Promise.all([
    client.public.getContractEvents({
      address: manager,
      abi: ABIS.AccessManager as Abi,
      eventName: "OperationScheduled",
      fromBlock,
    }),
    client.public.getBlock(),
  ]);
  const now = Number(block.timestamp);
  const latest = new Map<Hex, { caller: Address; target: Address; data: Hex }>();
  for (const log of logs) {
    const args = (log as unknown as { args: { operationId: Hex; caller: Address; target: Address; data: Hex } }).args;
    latest.set(args.operationId, { caller: args.caller, target: args.target, data: args.data });
  }
  const byAddress = new Map(
    (Object.entries(client.addresses) as [ContractName, Address][]).map(([name, address]) => [
      address.toLowerCase(),
      name,
    ]),
  );
  const out: ScheduledOperation[] = [];
  for (const [operationId, op] of latest) {
    const executableAt = Number(
      await readContract(client, { contract: "AccessManager", functionName: "getSchedule", args: [operationId] }),
    );
    if (executableAt === 0) continue;
    const contract = byAddress.get(op.target.toLowerCase());
    let functionName: string | undefined;
    let args: readonly unknown[] = [];
    if (contract !== undefined) {
      try {
        const decoded = decodeFunctionData({ abi: ABIS[contract] as Abi, data: op.data });
        functionName = decoded.functionName;
        args = decoded.args ?? [];
      } catch {
        // Not one of the contract's functions: shown by its data only.
      }
    }
    out.push({
      operationId,
      caller: getAddress(op.caller),
      target: getAddress(op.target),
      contract,
      functionName,
      args,
      data: op.data,
      executableAt,
      due: executableAt <= now,
    });
  }
  return out.sort((a, b) => a.executableAt - b.executableAt);
}

/**
 * Executes a scheduled operation whose time has come (sent by the account that scheduled it).
 *
 * @throws {ContractRevertError} `AccessManagerNotReady` before its time, `AccessManagerNotScheduled` if there is none.
 */
export async function executeScheduledOperation(
  client: OneWindowClient,
  parameters: { target: Address; data: Hex },
): Promise<{ hash: Hash }> {
  const { hash } = await writeContract(client, {
    contract: "AccessManager",
    functionName: "execute",
    args: [parameters.target, parameters.data],
  });
  return { hash };
}

/**
 * Cancels a scheduled operation (by the account that scheduled it, or a guardian or the admin).
 *
 * @throws {ContractRevertError} `AccessManagerUnauthorizedCancel` for anyone else.
 */
export async function cancelScheduledOperation(
  client: OneWindowClient,
  parameters: { caller: Address; target: Address; data: Hex },
): Promise<{ hash: Hash }> {
  const { hash } = await writeContract(client, {
    contract: "AccessManager",
    functionName: "cancel",
    args: [parameters.caller, parameters.target, parameters.data],
  });
  return { hash };
}
