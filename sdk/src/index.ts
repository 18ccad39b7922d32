export * from "./errors/index.ts";
export * from "./licence/index.ts";
export * from "./calendar/index.ts";

export { createOneWindowClient, requireWallet, withAccount } from "./chain/client.ts";
export type { CreateOneWindowClientParameters, OneWindowClient } from "./chain/client.ts";
export { CONTRACT_NAMES, parseDeployment } from "./chain/deployment.ts";
export type { ContractName, DeployedContract, Deployment } from "./chain/deployment.ts";
export * from "./chain/enums.ts";
export { ABIS, ALL_EVENTS_ABI, oneWindowErrorsAbi } from "./chain/contracts.ts";
export { readContract, type ReadParameters } from "./chain/read.ts";
export {
  blockTimeOf,
  eventOf,
  eventsOf,
  inOrder,
  sendContract,
  waitForTransaction,
  waitForWrite,
  writeContract,
} from "./chain/write.ts";
export type { WriteParameters, WriteResult } from "./chain/write.ts";
export { getOneWindowEvents, watchOneWindowEvents } from "./chain/watch.ts";
export type {
  GetOneWindowEventsParameters,
  OneWindowEvent,
  OneWindowEventWatcher,
  WatchOneWindowEventsParameters,
} from "./chain/watch.ts";
export {
  ContractRevertError,
  decodeContractError,
  NodeUnreachableError,
  TransactionFailedError,
  type TransactionFailure,
} from "./errors/contract.ts";

export * from "./actions/departments/index.ts";
export * from "./actions/licence-types/index.ts";
export * from "./actions/licences/index.ts";
export * from "./actions/consents/index.ts";
export * from "./actions/restrictions/index.ts";
export * from "./actions/calendar/index.ts";
export * from "./actions/catalogue/index.ts";
export * from "./actions/rules/index.ts";
export * from "./actions/applications/index.ts";
export * from "./district/index.ts";
export { ECIES_VERSION, eciesDecrypt, eciesEncrypt, encryptionPublicKey } from "./crypto/ecies.ts";
export {
  SM2_DEFAULT_USER_ID,
  newSm2PrivateKey,
  parseSm2PrivateKey,
  parseSm2PublicKey,
  sm2PublicKeyOf,
  sm2Sign,
  sm2Verify,
  sm2Z,
  sm3Digest,
  type Sm2SignOptions,
} from "./crypto/sm2.ts";
export { chainTime } from "./chain/time.ts";
export * from "./audit/index.ts";
export {
  APPLICATION_NUMBER_HEX_DIGITS,
  APPLICATION_NUMBER_SYMBOLS,
  applicationNumberOf,
  looksLikeApplicationNumber,
  parseApplicationNumber,
  type ParsedApplicationNumber,
} from "./utils/applicationNumber.ts";
export * from "./admin/index.ts";
