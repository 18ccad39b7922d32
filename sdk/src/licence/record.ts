/**
 * What a licence file or disclosure copies from the chain's record of its licence (type, type
 * version, issuing department, issue and expiry times), compared with that record. The licence id
 * binds only the fields: these copies are trusted only where they agree with the chain.
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

/** One field of a document that disagrees with the chain's record. */
export type RecordMismatch = {
  field: keyof IssueRecord;
  /** What the document says. */
  file: number;
  /** What the chain records. */
  chain: number;
};

/** What a document copies of the record (a disclosure has no issue time; a file may leave it out). */
export type RecordCopy = Omit<IssueRecord, "issuedAt"> & { issuedAt?: number | undefined };

const FIELDS = ["typeId", "typeVersion", "issuerDepartment", "issuedAt", "expiresAt"] as const;

const LABELS: Record<keyof IssueRecord, string> = {
  typeId: "licence type",
  typeVersion: "type version",
  issuerDepartment: "issuing department",
  issuedAt: "issue time",
  expiresAt: "expiry",
};

/** The fields where `document` disagrees with `record`, in record order; the issue time only when the document gives one. */
export function recordMismatches(document: RecordCopy, record: IssueRecord): RecordMismatch[] {
  const mismatches: RecordMismatch[] = [];
  for (const field of FIELDS) {
    const value = document[field];
    if (value === undefined) continue;
    if (value !== record[field]) mismatches.push({ field, file: value, chain: record[field] });
  }
  return mismatches;
}

/**
 * A mismatch in words, naming the field, e.g. `the expiry in the file (2026-01-01T00:00:00Z)
 * disagrees with the chain's record (never)`.
 */
export function describeRecordMismatch(mismatch: RecordMismatch, document: "file" | "disclosure" = "file"): string {
  const show = (value: number) => {
    if (mismatch.field === "expiresAt" && value === 0) return "never";
    if (mismatch.field === "expiresAt" || mismatch.field === "issuedAt") {
      return new Date(value * 1000).toISOString().replace(".000Z", "Z");
    }
    return String(value);
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
