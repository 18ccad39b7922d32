/**
 * The district folder format (the format of scripts/data/haidian/), as zod schemas: the one source
 * of both the validation `onewindow district plan|apply` does and the public JSON Schema
 * cli/schemas/district.schema.json (written by `npm run schema --workspace cli`).
 *
 * A folder holds, each optional:
 *   departments.json    { "departments": [ … ] }
 *   licence-types.json  { "licenceTypes": [ … ] }
 *   matters.json        { "conditions": { … }, "rules": [ … ], "matters": [ … ] }
 *   officers.json       { "departments": { "<code>": { "officers": ["0x…"], "encryptionKey": "0x02…",
 *                                                     "sealPublicKey": "0x04…" } } }
 *   calendars/*.json    one working calendar year each (the format of scripts/data/calendar/)
 * officers.json is apart because it is the deployment's (accounts and keys differ between a test
 * and a production chain), while the catalogue is the same.
 */
import { z } from "zod";

const code = z.string().min(1).max(48).describe("A unique code, e.g. HD-SAMR (referred to by other entries).");
const level = z.enum(["national", "municipal", "district"]);
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "an address: 0x and 40 hex digits");

export const departmentSchema = z
  .object({
    code,
    name: z.string().min(1).describe("Official name, e.g. 海淀区市场监督管理局."),
    nameEn: z.string().optional(),
    level,
    kind: z.enum(["government", "publicService"]).optional(),
    threshold: z.number().int().min(1).max(32).describe("Officers' signatures needed for a decision (m of n)."),
    officers: z
      .array(z.number().int().min(0))
      .optional()
      .describe("Demo key indexes for the seed script only; real officers are in officers.json."),
    restrictionLister: z.boolean().optional(),
  })
  .catchall(z.unknown())
  .describe("A department; fields not named here (role, …) are for people and ignored.");

export const licenceTypeSchema = z
  .object({
    code,
    name: z.string().min(1),
    level,
    defaultValidityDays: z.number().int().min(0),
    issuers: z.array(code).min(1).describe("Codes of the departments that may issue it."),
    fieldNames: z.array(z.string().min(1)).min(1).describe("Field names in schema order; must include holder."),
  })
  .catchall(z.unknown());

const ruleSchema = z.discriminatedUnion("kind", [
  z.object({ code, kind: z.literal("holdsValidLicence"), licenceType: code }).catchall(z.unknown()),
  z.object({ code, kind: z.literal("notRestricted"), listCode: z.string().min(1) }).catchall(z.unknown()),
  z
    .object({ code, kind: z.literal("composite"), mode: z.enum(["allOf", "anyOf"]), rules: z.array(code).min(1) })
    .catchall(z.unknown()),
]);

const condition = z.array(z.string()).optional().describe("Names of the condition flags under which it is required.");

const stepSchema = z
  .object({
    department: code,
    dependsOn: z.array(z.number().int().min(0)).optional().describe("Indexes of earlier steps it waits for."),
    timeLimit: z.number().int().min(1).max(1000).describe("Statutory time limit in working days."),
    rule: code.optional(),
    issues: code.optional().describe("Licence type code of the output licence this step's department issues."),
    note: z.string().optional(),
  })
  .catchall(z.unknown());

const materialSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("licence"),
      licenceType: code,
      name: z.string().min(1),
      condition,
      consent: z.object({ department: code, fields: z.array(z.string()).optional() }).optional(),
    })
    .catchall(z.unknown()),
  z.object({ kind: z.literal("upload"), name: z.string().min(1), condition }).catchall(z.unknown()),
]);

export const matterSchema = z
  .object({
    code,
    name: z.string().min(1),
    nameEn: z.string().optional(),
    figures: z
      .enum(["article", "illustrative"])
      .optional()
      .describe("Where the before/after figures come from: quoted from `source` (article) or invented (illustrative)."),
    source: z.string().optional(),
    steps: z.array(stepSchema).min(1).max(16),
    materials: z.array(materialSchema).max(64),
    links: z.array(z.object({ matter: code, mode: z.enum(["suggest", "startOnConsent"]) })).optional(),
    visits: z.number().int().min(0).optional(),
    baseline: z
      .object({
        materials: z.number().int().min(0),
        workingDays: z.number().int().min(0),
        visits: z.number().int().min(0),
      })
      .optional(),
  })
  .catchall(z.unknown());

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "an ISO date YYYY-MM-DD");

/** The files of a district folder, by file name. */
export const districtFiles = {
  "departments.json": z.object({ $comment: z.string().optional(), departments: z.array(departmentSchema) }).strict(),
  "licence-types.json": z
    .object({ $comment: z.string().optional(), licenceTypes: z.array(licenceTypeSchema) })
    .strict(),
  "matters.json": z
    .object({
      $comment: z.string().optional(),
      conditions: z.record(z.string(), z.number().int().min(1)).optional(),
      conditionNames: z
        .record(z.string(), z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict())
        .optional()
        .describe("The condition flags' names for people (published as catalogue metadata, not on chain)."),
      rules: z.array(ruleSchema).optional(),
      matters: z.array(matterSchema),
    })
    .strict(),
  "officers.json": z
    .object({
      $comment: z.string().optional(),
      departments: z.record(
        code,
        z
          .object({
            officers: z.array(address).min(1).max(32).optional(),
            encryptionKey: z
              .string()
              .regex(/^0x0[23][0-9a-fA-F]{64}$/, "a compressed secp256k1 public key: 0x02 or 0x03 and 64 hex digits")
              .optional(),
            sealPublicKey: z
              .string()
              .regex(/^0x04[0-9a-fA-F]{128}$/, "an SM2 public key: 0x04 and 128 hex digits (65 bytes, x ‖ y)")
              .optional()
              .describe(
                "The department's SM2 national-seal public key (docs/seal.md). Another key than its current one is registered; earlier keys stay in the history.",
              ),
          })
          .strict(),
      ),
    })
    .strict(),
  "calendars/*.json": z
    .object({
      year: z.number().int().min(1970).max(9999),
      timeZoneOffsetSeconds: z.number().int(),
      source: z.string(),
      status: z.string(),
      holidays: z.array(isoDate),
      makeupWorkdays: z.array(isoDate),
      notes: z.array(z.string()),
    })
    .catchall(z.unknown()),
} as const;

/** The JSON Schema of the folder: one definition per file, by file name. */
export function districtJsonSchema(): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://onewindow.example/schemas/district.schema.json",
    title: "OneWindow district folder",
    description:
      "The files of a district folder (onewindow district plan|apply <folder>): departments.json, licence-types.json, " +
      "matters.json, officers.json and calendars/*.json, each optional. Validate a file against $defs[<file name>]. " +
      "Entries refer to each other by code; the CLI checks those references against the folder and the chain.",
    $defs: Object.fromEntries(
      Object.entries(districtFiles).map(([file, schema]) => [file, z.toJSONSchema(schema, { io: "input" })]),
    ),
  };
}
