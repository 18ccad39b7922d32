import { toEventSelector, type Abi, type Hex } from "viem";

import {
  accessManagerAbi,
  approvalEngineAbi,
  consentRegistryAbi,
  departmentRegistryAbi,
  licenceRegistryAbi,
  licenceTypeRegistryAbi,
  oneWindowErrorsAbi,
  restrictionListAbi,
  serviceCatalogAbi,
  workingCalendarAbi,
} from "../generated/abis.ts";
import type { ContractName } from "./deployment.ts";

/** The ABI of each deployed contract, by deployment name. */
export const ABIS = {
  AccessManager: accessManagerAbi,
  DepartmentRegistry: departmentRegistryAbi,
  LicenceTypeRegistry: licenceTypeRegistryAbi,
  LicenceRegistry: licenceRegistryAbi,
  ConsentRegistry: consentRegistryAbi,
  RestrictionList: restrictionListAbi,
  WorkingCalendar: workingCalendarAbi,
  ServiceCatalog: serviceCatalogAbi,
  ApprovalEngine: approvalEngineAbi,
} as const satisfies Record<ContractName, readonly unknown[]>;

export type AbiOf<N extends ContractName> = (typeof ABIS)[N];

/**
 * Each contract's ABI with every OneWindow error appended, built once: what calls and sends are
 * encoded and decoded with, so that a revert raised by any contract in the call decodes by name.
 */
export const ABIS_WITH_ERRORS = Object.fromEntries(
  Object.entries(ABIS).map(([name, abi]) => [name, [...abi, ...oneWindowErrorsAbi] as Abi]),
) as Record<ContractName, Abi>;

/** Every event of every OneWindow contract, for decoding any receipt's logs. */
export const ALL_EVENTS_ABI = Object.values(ABIS)
  .flat()
  .filter((item) => item.type === "event");

/** The events of {@link ALL_EVENTS_ABI} by selector (topic 0), computed once. */
const EVENTS_BY_SELECTOR = (() => {
  const bySelector = new Map<Hex, (typeof ALL_EVENTS_ABI)[number][]>();
  for (const event of ALL_EVENTS_ABI) {
    const selector = toEventSelector(event);
    bySelector.set(selector, [...(bySelector.get(selector) ?? []), event]);
  }
  return bySelector;
})();

/**
 * The events of {@link ALL_EVENTS_ABI} that `logs` may hold (by their first topic), in the ABI's
 * order: decoding with these rather than the whole ABI gives the same events without computing
 * every event's selector again for each receipt (viem's `parseEventLogs` does, per call).
 */
export function eventsAbiFor(logs: readonly { topics: readonly Hex[] }[]): typeof ALL_EVENTS_ABI {
  const found = new Set<(typeof ALL_EVENTS_ABI)[number]>();
  for (const log of logs) {
    const topic = log.topics[0];
    for (const event of (topic && EVENTS_BY_SELECTOR.get(topic.toLowerCase() as Hex)) || []) found.add(event);
  }
  return ALL_EVENTS_ABI.filter((event) => found.has(event));
}

export { oneWindowErrorsAbi };
