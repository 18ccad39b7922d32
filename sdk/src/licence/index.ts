export {
  attachBatch,
  BATCH_LEAF_ENCODING,
  batchLeafHash,
  buildBatch,
  verifyBatchProof,
  type BuildBatchReturnType,
} from "./batch.ts";
export { buildLicence, type BuildLicenceParameters, type BuildLicenceReturnType } from "./build.ts";
export { checkDisclosure, checkLicenceFile, type CheckDisclosureOptions, type CheckResult } from "./check.ts";
export { discloseFields } from "./disclose.ts";
export {
  DISCLOSURE_FORMAT,
  DISCLOSURE_VERSION,
  parseDisclosure,
  serializeDisclosure,
  type DisclosedField,
  type Disclosure,
  type DisclosureVersion,
} from "./disclosure-format.ts";
export {
  HOLDER_FIELD,
  LICENCE_FILE_FORMAT,
  LICENCE_FILE_VERSION,
  MAX_FIELD_NAME_BYTES,
  MAX_LICENCE_FIELDS,
  parseLicenceFile,
  serializeLicenceFile,
  type LicenceBatchProof,
  type LicenceField,
  type LicenceFile,
} from "./format.ts";
export {
  FIELD_LEAF_ENCODING,
  fieldLeafHash,
  licenceTree,
  newSalt,
  type FieldLeafInput,
  type FieldLeafValue,
} from "./leaf.ts";
export { fieldMaskOf, fieldNamesOfMask } from "./mask.ts";
export { hashPair, processMultiProof, processProof, sortLeafHashes, type MultiProof } from "./merkle.ts";
export {
  describeRecordMismatch,
  recordMismatches,
  withIssueTimes,
  type IssueRecord,
  type RecordCopy,
  type RecordField,
  type RecordMismatch,
} from "./record.ts";
export { normaliseIdNumber, RESTRICTION_SUBJECT_TAG, restrictionSubject } from "./subject.ts";
export { heldLicence, type HeldLicence } from "./present.ts";
export {
  openPresentation,
  parsePresentationLink,
  PRESENTATION_KEY_BYTES,
  PRESENTATION_VERSION,
  presentationLink,
  sealPresentation,
  type SealedPresentation,
} from "./presentation.ts";
