/**
 * What a licence file or disclosure copies from the chain's record of its licence (type, type
 * version, issuing department, expiry), compared with that record. The licence id binds only the
 * fields: these copies are trusted only where they agree with the chain. A file's issue time is
 * informative (the issuer's clock when it built the file; the chain records the block's time) and
 * is not compared; {@link withIssueTimes} sets it to the chain's.
 */
import type { LicenceFile } from "./format.ts";

/** The chain's record of a licence as a licence file copies it (LicenceRegistry). */
export type IssueRecord = {
  typeId: number;
  typeVersion: number;
  issuerDepartment: number;
  /** Unix seconds. */
  issuedAt: number;
  /** Unix seconds; 0 = never. */
  expiresAt: number;
};

/** The fields of the record a document must agree with. */
export type RecordField = "typeId" | "typeVersion" | "issuerDepartment" | "expiresAt";

/** One field of a document that disagrees with the chain's record. */
export type RecordMismatch = {
  field: RecordField;
  /** What the document says. */
  file: number;
  /** What the chain records. */
  chain: number;
};

/** What a licence file or disclosure copies of the record. */
export type RecordCopy = Pick<IssueRecord, RecordField>;

const FIELDS: readonly RecordField[] = ["typeId", "typeVersion", "issuerDepartment", "expiresAt"];

const LABELS: Record<RecordField, string> = {
  typeId: "licence type",
  typeVersion: "type version",
  issuerDepartment: "issuing department",
  expiresAt: "expiry",
};

/** The fields where `document` disagrees with `record`, in record order. */
export function recordMismatches(document: RecordCopy, record: RecordCopy): RecordMismatch[] {
  return FIELDS.filter((field) => document[field] !== record[field]).map((field) => ({
    field,
    file: document[field],
    chain: record[field],
  }));
}

/**
 * A mismatch in words, naming the field, e.g. `the expiry in the file (2026-01-01T00:00:00Z)
 * disagrees with the chain's record (never)`.
 */
export function describeRecordMismatch(mismatch: RecordMismatch, document: "file" | "disclosure" = "file"): string {
  const show = (value: number) => {
    if (mismatch.field !== "expiresAt") return String(value);
    return value === 0 ? "never" : new Date(value * 1000).toISOString().replace(".000Z", "Z");
  };
  return `the ${LABELS[mismatch.field]} in the ${document} (${show(mismatch.file)}) disagrees with the chain's record (${show(mismatch.chain)})`;
}

/**
 * The file as the chain issued it: its issue and expiry times are the record's. An output licence
 * is built before the votes and issued by the ApprovalEngine at completion, which sets its expiry
 * from the type's validity then: only the record knows it.
 */
export function withIssueTimes(file: LicenceFile, record: Pick<IssueRecord, "issuedAt" | "expiresAt">): LicenceFile {
  return { ...file, issuedAt: record.issuedAt, expiresAt: record.expiresAt };
}
