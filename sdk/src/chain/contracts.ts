import type { Abi } from "viem";

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

export { oneWindowErrorsAbi };
