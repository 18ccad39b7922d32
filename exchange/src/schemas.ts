/** The request and response schemas: the validation of every input and the OpenAPI document. */
import { z } from "@hono/zod-openapi";
import { catalogueMetadataSchema } from "@onewindow/sdk";

export const Bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "a bytes32 as 0x and 64 hex digits")
  .openapi({ example: "0x5889ed3939680a2b90b4f64c4705d7d75571c00939ff68a059a110542d506d3b" });
export const Address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "an address as 0x and 40 hex digits")
  .openapi({ example: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8" });
export const HexString = z
  .string()
  .regex(/^0x([0-9a-fA-F]{2})*$/, "hex bytes")
  .max(100_000);
/**
 * A field name: printable text. No control character (C0, DEL, C1) and no lone UTF-16 surrogate,
 * which PostgreSQL cannot store and which no licence type has: such a name is a malformed request
 * (the same 400 whatever the licence), never a lookup.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const FieldName = z
  .string()
  .min(1)
  .max(128)
  .refine((name) => !CONTROL.test(name) && !LONE_SURROGATE.test(name), "printable text");
/** A field value as the licence format has it: a UTF-8 string. */
export const FieldValue = z.string().max(4096);

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "NOT_PERMITTED" }),
      message: z.object({ zh: z.string(), en: z.string() }),
    }),
  })
  .openapi("Error");

// ---- auth

export const NonceResponse = z
  .object({ nonce: z.string(), expiresAt: z.string().openapi({ format: "date-time" }) })
  .openapi("Nonce");

export const VerifyRequest = z
  .object({
    message: z.string().min(1).max(4096).openapi({ description: "EIP-4361 message" }),
    signature: HexString.min(4),
  })
  .strict()
  .openapi("SiweVerify");

export const SessionResponse = z
  .object({
    token: z.string().openapi({ description: "Bearer token for the other routes" }),
    address: Address,
    expiresAt: z.string().openapi({ format: "date-time" }),
    departmentId: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Department the address is an active officer of" }),
  })
  .openapi("Session");

// ---- licences

export const IssueRequest = z
  .object({
    typeCode: z.string().min(1).max(64).optional(),
    typeId: z.number().int().min(1).max(0xffffffff).optional(),
    typeVersion: z.number().int().min(1).max(0xffff).optional(),
    holder: Address,
    fields: z.record(FieldName, FieldValue).refine((r) => Object.keys(r).length <= 128, "at most 128 fields"),
    expiresAt: z
      .number()
      .int()
      .min(0)
      .max(2 ** 40 - 1)
      .optional(),
  })
  .strict()
  .refine((r) => (r.typeCode === undefined) !== (r.typeId === undefined), {
    message: "give exactly one of typeCode and typeId",
    path: ["typeId"],
  })
  .openapi("IssueLicence");

export const IssueResponse = z
  .object({ licenceId: Bytes32, transactionHash: Bytes32, typeId: z.number(), typeVersion: z.number() })
  .openapi("IssuedLicence");

export const LicenceParams = z.object({
  licenceId: Bytes32.openapi({ param: { name: "licenceId", in: "path" } }),
});

export const LicenceSummary = z
  .object({
    licenceId: Bytes32,
    typeId: z.number(),
    typeVersion: z.number(),
    issuerDepartment: z.number(),
    issuedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("LicenceSummary");

export const LicenceList = z.object({ licences: z.array(LicenceSummary) }).openapi("LicenceList");

/** The licence file (docs/licence-format.md): checked by the SDK, described loosely here. */
export const LicenceFileSchema = z
  .object({ format: z.literal("onewindow.licence"), version: z.literal(1), licenceId: Bytes32 })
  .passthrough()
  .openapi("LicenceFile");

/** The seal part of a verdict (docs/seal.md): the national electronic seal, SM2 over SM3. */
export const SealVerdict = z
  .object({
    state: z.enum(["absent", "malformed", "invalid", "valid"]).openapi({
      description:
        "absent: no seal (older files); valid: signed with the key the department had registered at issue time",
    }),
    keyIndex: z
      .number()
      .optional()
      .openapi({ description: "The seal key's number in the department's history on chain" }),
    reasons: z.array(z.object({ zh: z.string(), en: z.string() })),
  })
  .openapi("SealVerdict");

export const DepositRequest = z
  .object({
    file: LicenceFileSchema.openapi({
      description:
        "The licence file the department built for an output licence (values, salts); its id must already be issued on chain by the department",
    }),
  })
  .strict()
  .openapi("DepositLicence");

export const DepositResponse = z
  .object({
    licenceId: Bytes32,
    typeId: z.number(),
    typeVersion: z.number(),
    issuerDepartment: z.number(),
    holder: Address,
    status: z
      .enum(["valid", "suspended", "expired"])
      .openapi({ description: "The licence's status on chain when it was deposited" }),
    alreadyHeld: z
      .boolean()
      .openapi({ description: "True when this node already held the same file (nothing changed)" }),
    seal: SealVerdict,
  })
  .openapi("DepositedLicence");

export const HoldOutputRequest = z
  .object({
    applicationId: Bytes32.openapi({
      description: "The application whose output step the caller's department approves",
    }),
    step: z.number().int().min(0).max(255).openapi({ description: "The application's output step (index)" }),
    file: LicenceFileSchema.openapi({
      description:
        "The output licence file the department built (holder = the applicant, values, salts), before its id is named in the approving vote",
    }),
  })
  .strict()
  .openapi("HoldOutputLicence");

export const HoldOutputResponse = z
  .object({
    licenceId: Bytes32,
    applicationId: Bytes32,
    step: z.number(),
    holder: Address,
    state: z.literal("pending").openapi({
      description: "Held, not served: it becomes the holder's licence once the chain issues this id on completion",
    }),
    alreadyHeld: z.boolean().openapi({
      description: "True when this node already held the same file for this application (nothing changed)",
    }),
  })
  .openapi("HeldOutputLicence");

// ---- disclosures and predicates

export const Purpose = Bytes32.openapi({ description: "The application id the consent was given for" });

export const DisclosureRequest = z
  .object({
    licenceId: Bytes32,
    fields: z
      .array(FieldName)
      .min(1)
      .max(128)
      .refine((f) => new Set(f).size === f.length, "field names must be unique"),
    purpose: Purpose,
  })
  .strict()
  .openapi("DisclosureRequest");

export const Evidence = z
  .object({
    blockNumber: z.string().openapi({ description: "Block the consent was read at (decimal)" }),
    blockHash: Bytes32,
  })
  .openapi("Evidence");

export const DisclosureResponse = z
  .object({
    envelope: HexString.openapi({
      description:
        "ECIES (secp256k1) envelope to the department's registered key; plaintext: the SDK disclosure JSON (only the asked fields and their multiproof)",
    }),
    consentId: Bytes32,
    evidence: Evidence,
  })
  .openapi("Disclosure");

export const PredicateRequest = z
  .discriminatedUnion("op", [
    z
      .object({ op: z.literal("eq"), licenceId: Bytes32, field: FieldName, value: FieldValue, purpose: Purpose })
      .strict(),
    z
      .object({
        op: z.literal("startsWith"),
        licenceId: Bytes32,
        field: FieldName,
        value: FieldValue.min(1),
        purpose: Purpose,
      })
      .strict(),
    z
      .object({
        op: z.literal("range"),
        licenceId: Bytes32,
        field: FieldName,
        min: FieldValue.optional(),
        max: FieldValue.optional(),
        purpose: Purpose,
      })
      .strict()
      .refine((r) => r.min !== undefined || r.max !== undefined, { message: "give min, max or both", path: ["min"] }),
  ])
  .openapi("PredicateRequest");

export const PredicateResponse = z
  .object({
    answer: z.boolean().openapi({ description: "Whether the field satisfies the predicate" }),
    valid: z
      .boolean()
      .openapi({ description: "Whether the licence is valid on chain now (integrity, status, issuer)" }),
    consentId: Bytes32,
    evidence: Evidence,
  })
  .openapi("PredicateAnswer");

// ---- uploads

export const UploadJson = z
  .object({
    contentBase64: z
      .string()
      .min(1)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, "base64"),
  })
  .strict()
  .openapi("UploadBase64");

export const UploadResponse = z.object({ hash: Bytes32, size: z.number().int() }).openapi("Upload");

export const UploadParams = z.object({ hash: Bytes32.openapi({ param: { name: "hash", in: "path" } }) });
export const UnshareParams = UploadParams.extend({
  departmentId: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 32 - 1)
    .openapi({ param: { name: "departmentId", in: "path" } }),
});

export const ShareRequest = z
  .object({ departmentId: z.number().int().min(1).max(0xffffffff) })
  .strict()
  .openapi("ShareUpload");

export const ShareResponse = z.object({ hash: Bytes32, departmentId: z.number() }).openapi("UploadShare");

// ---- access log

export const AccessLogQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .openapi({ param: { name: "limit", in: "query" } }),
  before: z
    .string()
    .regex(/^[1-9][0-9]{0,17}$/)
    .optional()
    .openapi({ param: { name: "before", in: "query" }, description: "Entries with an id below this" }),
});

export const AccessEntry = z
  .object({
    id: z.string(),
    at: z.string().openapi({ format: "date-time" }),
    kind: z.enum(["disclosure", "predicate", "upload", "presentation-opened"]),
    outcome: z.enum(["granted", "denied"]),
    departmentId: z.number().nullable().openapi({ description: "null for a presentation opened (no department)" }),
    officer: Address.nullable().openapi({ description: "null for a presentation opened (no account)" }),
    licenceId: Bytes32.nullable(),
    uploadHash: Bytes32.nullable(),
    fields: z.array(z.string()).openapi({ description: "Field names of the licence's schema that were asked for" }),
    unknownFields: z.number().int().openapi({
      description: "How many names that are not in the licence's schema were asked for (never kept or shown)",
    }),
    predicateOp: z.string().nullable(),
    answer: z.boolean().nullable(),
    purpose: Bytes32.nullable(),
    consentId: Bytes32.nullable(),
    evidence: Evidence.nullable(),
    presentationId: z
      .string()
      .nullable()
      .openapi({ description: "The presentation opened (kind presentation-opened)" }),
  })
  .openapi("AccessEntry");

export const AccessLog = z.object({ entries: z.array(AccessEntry), next: z.string().nullable() }).openapi("AccessLog");

/** A POST without parameters: no body, or `{}`. */
export const EmptyBody = z.object({}).strict().openapi("Empty");

// ---- presentations (issue 16)

/** A presentation id: 16 random bytes as base64url (22 characters). */
export const PresentationId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, "a presentation id: 22 base64url characters")
  .openapi({ example: "pV3sXc0qY0vC3eXb9R1m2w" });

export const PresentationParams = z.object({
  id: PresentationId.openapi({ param: { name: "id", in: "path" } }),
});

/** Shortest and longest lifetime of a presentation: one minute to thirty days. */
export const PRESENTATION_LIFETIME = { min: 60, max: 30 * 24 * 3600 } as const;

export const CreatePresentationRequest = z
  .object({
    licenceId: Bytes32,
    ciphertext: HexString.min(2 + 2 * 29).openapi({
      description: "The disclosure sealed in the holder's browser (see sealPresentation); never the key",
    }),
    lifetimeSeconds: z.number().int().min(PRESENTATION_LIFETIME.min).max(PRESENTATION_LIFETIME.max),
  })
  .strict()
  .openapi("CreatePresentation");

export const PresentationSummary = z
  .object({
    id: PresentationId,
    licenceId: Bytes32,
    createdAt: z.string().openapi({ format: "date-time" }),
    expiresAt: z.string().openapi({ format: "date-time" }),
    withdrawnAt: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("PresentationSummary");

export const PresentationList = z.object({ presentations: z.array(PresentationSummary) }).openapi("PresentationList");

export const SealedPresentation = z
  .object({
    id: PresentationId,
    ciphertext: HexString,
    expiresAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("SealedPresentation");

// ---- catalogue metadata (issue 21)

/** The catalogue's metadata document (the SDK's schema, its one definition). */
export const CatalogueMetadataDocument = catalogueMetadataSchema;

export const PublishCatalogueMetadataRequest = z
  .object({
    document: CatalogueMetadataDocument,
    signature: z
      .string()
      .regex(/^0x[0-9a-fA-F]{130}$/, "a 65-byte signature as 0x and 130 hex digits")
      .openapi({ description: "EIP-191 signature of `OneWindow catalogue metadata <hash>` by the caller" }),
  })
  .strict()
  .openapi("PublishCatalogueMetadata");

export const PublishedCatalogueMetadata = z
  .object({
    hash: Bytes32,
    publisher: Address,
    publishedAt: z.string().openapi({ format: "date-time" }),
    signature: HexString,
    document: CatalogueMetadataDocument,
  })
  .openapi("PublishedCatalogueMetadata");

export const CatalogueMetadataParams = z.object({
  hash: Bytes32.openapi({ param: { name: "hash", in: "path" } }),
});

/** PUT /batches/:batchRoot/members: every licence id of a batch (the root is rebuilt from them). */
export const BatchMembersParams = z.object({ batchRoot: Bytes32 });
export const BatchMembersBody = z.object({ licenceIds: z.array(Bytes32).min(1).max(1_000_000) }).strict();
