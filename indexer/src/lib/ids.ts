/** Ids as subgraph/schema.graphql defines them (the subgraph builds the same). */
import type { Hex } from "viem";

/** Zero bytes32: "none" in events. */
export const ZERO_BYTES32 = `0x${"0".repeat(64)}` as const;
/** Zero address. */
export const ZERO_ADDRESS = `0x${"0".repeat(40)}` as const;

/** Lowercase hex (addresses are checksummed by viem). */
export function lower(value: string): Hex {
  return value.toLowerCase() as Hex;
}

/** `value` lowercased, or null when it is all zeros ("none"). */
export function nonZero(value: string): Hex | null {
  return /^0x0*$/.test(value) ? null : lower(value);
}

/**
 * Immutable per-event entity id: transaction hash ++ log index as 4 bytes little-endian
 * (graph-ts `event.transaction.hash.concatI32(event.logIndex.toI32())`).
 */
export function eventId(transactionHash: string, logIndex: number): Hex {
  const le = new Uint8Array(4);
  new DataView(le.buffer).setInt32(0, logIndex, true);
  return `${lower(transactionHash)}${Buffer.from(le).toString("hex")}` as Hex;
}

/** Step id `<applicationId>-<index>`. */
export function stepId(applicationId: string, index: number): string {
  return `${lower(applicationId)}-${index}`;
}
