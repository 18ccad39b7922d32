/**
 * The events the indexer handles, as "Contract:Event". Every handler registers through
 * `./registry.ts`, which refuses a name missing here and counts each handled log per block
 * (`indexed_block`); the integrity check (src/api/integrity.ts) counts the node's logs of exactly
 * these events at the deployment's addresses and compares.
 */
import { ABIS } from "@onewindow/sdk";
import { toEventSelector, type AbiEvent, type Address, type Hex } from "viem";

export const INDEXED_EVENTS = [
  "ApprovalEngine:ApplicationCompleted",
  "ApprovalEngine:ApplicationRejected",
  "ApprovalEngine:ApplicationResubmitted",
  "ApprovalEngine:ApplicationReturned",
  "ApprovalEngine:ApplicationSubmitted",
  "ApprovalEngine:ApplicationWithdrawn",
  "ApprovalEngine:LinkedMatterOffered",
  "ApprovalEngine:StepActivated",
  "ApprovalEngine:StepApprovedByRule",
  "ApprovalEngine:StepDecided",
  "ApprovalEngine:StepOverdue",
  "ApprovalEngine:VoteCast",
  "ConsentRegistry:ConsentGranted",
  "ConsentRegistry:ConsentRevoked",
  "DepartmentRegistry:DepartmentActiveChanged",
  "DepartmentRegistry:DepartmentRegistered",
  "DepartmentRegistry:DepartmentUpdated",
  "DepartmentRegistry:OfficerRenounced",
  "DepartmentRegistry:OfficersChanged",
  "DepartmentRegistry:SealKeySet",
  "LicenceRegistry:BatchIssued",
  "LicenceRegistry:LicenceIssued",
  "LicenceRegistry:LicenceReplaced",
  "LicenceRegistry:LicenceResumed",
  "LicenceRegistry:LicenceRevoked",
  "LicenceRegistry:LicenceSuspended",
  "LicenceRegistry:LicenceVerified",
  "LicenceTypeRegistry:LicenceTypeDeactivated",
  "LicenceTypeRegistry:LicenceTypeRegistered",
  "LicenceTypeRegistry:LicenceTypeVersionPublished",
  "RestrictionList:ListerSet",
  "RestrictionList:SubjectListed",
  "RestrictionList:SubjectUnlisted",
  "ServiceCatalog:MatterActiveChanged",
  "ServiceCatalog:MatterRegistered",
  "ServiceCatalog:MatterVersionPublished",
  "WorkingCalendar:TimeZoneSet",
  "WorkingCalendar:YearSet",
] as const;

export type IndexedEvent = (typeof INDEXED_EVENTS)[number];
export type IndexedContract = IndexedEvent extends `${infer C}:${string}` ? C : never;

/** "address:topic0" (lowercase) of every indexed event, for the given contract addresses. */
export function indexedLogKeys(addresses: Record<IndexedContract, Address>): Set<string> {
  const keys = new Set<string>();
  for (const name of INDEXED_EVENTS) {
    const [contract, event] = name.split(":") as [IndexedContract, string];
    const items = (ABIS[contract] as readonly { type: string; name?: string }[]).filter(
      (item): item is AbiEvent => item.type === "event" && item.name === event,
    );
    if (items.length === 0)
      throw new Error(`${name} is not an event of the ${contract} ABI / ${name} 不是该合约的事件`);
    for (const item of items) keys.add(`${addresses[contract].toLowerCase()}:${toEventSelector(item)}`);
  }
  return keys;
}

/** The key `indexedLogKeys` gives a log. */
export function logKey(log: { address: Address; topics: readonly Hex[] }): string {
  return `${log.address.toLowerCase()}:${(log.topics[0] ?? "0x").toLowerCase()}`;
}
