/**
 * The catalogue's published metadata: what people read about the catalogue that the chain does not
 * keep — departments' and matters' English names, where a matter's figures come from, what each
 * step is, licence types' names in each language, and the names of the applications' condition
 * flags. It is derived from a district's data ({@link catalogueMetadataOf}), signed by a catalogue
 * editor (EIP-191 over its keccak-256 hash, {@link catalogueMetadataMessage}) and published on the
 * exchange (`POST /catalogue/metadata`); readers check the signature and that the signer holds the
 * catalogue editor role on chain ({@link verifyCatalogueMetadata}) before believing a word of it.
 */
import { keccak256, recoverMessageAddress, stringToBytes, type Address, type Hex } from "viem";
import { z } from "zod";

import type { OneWindowClient } from "../chain/client.ts";
import { readContract } from "../chain/read.ts";
import { PlatformRole } from "../admin/roles.ts";
import type { DistrictData } from "./types.ts";

const code = z.string().min(1).max(48);
const text = z.string().min(1).max(2000);

/** The metadata document (version 1), as a zod schema: the one definition the exchange and readers check. */
export const catalogueMetadataSchema = z
  .object({
    version: z.literal(1),
    /** Per department code. */
    departments: z.record(code, z.object({ nameEn: text.optional() }).strict()),
    /** Per licence type code: its name in Chinese and in English. */
    licenceTypes: z.record(code, z.object({ name: text, nameEn: text.optional() }).strict()),
    /** Per matter code. */
    matters: z.record(
      code,
      z
        .object({
          nameEn: text.optional(),
          /** `article`: quoted from `source`; `illustrative`: invented to be plausible. */
          figures: z.enum(["article", "illustrative"]).optional(),
          source: text.optional(),
          /** What each step is, by step index ("" when the data says nothing). */
          stepNotes: z.array(z.string().max(2000)).max(16).optional(),
        })
        .strict(),
    ),
    /** The applications' condition flags: a single bit each, its code and names. */
    conditions: z
      .array(
        z
          .object({
            bit: z
              .number()
              .int()
              .min(1)
              .max(2 ** 31)
              .refine((b) => (b & (b - 1)) === 0, "a single bit (a power of two)"),
            code,
            zh: text.optional(),
            en: text.optional(),
          })
          .strict(),
      )
      .max(32),
  })
  .strict();

export type CatalogueMetadata = z.infer<typeof catalogueMetadataSchema>;

/** A metadata document with its publication: hash, publisher and signature. */
export type SignedCatalogueMetadata = { document: CatalogueMetadata; signature: Hex };

/**
 * A bilingual name as the demo data writes licence types' names ("营业执照 Business licence"):
 * its Chinese part and its English part (none when the name has no Latin part after a space).
 */
export function splitBilingualName(name: string): { name: string; nameEn?: string } {
  const match = /^(\S*[^\p{ASCII}]\S*)\s+([A-Za-z].*)$/u.exec(name.trim());
  return match ? { name: match[1]!, nameEn: match[2]!.trim() } : { name };
}

/** The metadata document of a district's data (nothing in it that the data does not say). */
export function catalogueMetadataOf(data: DistrictData): CatalogueMetadata {
  const names = data.conditionNames ?? {};
  return {
    version: 1,
    departments: Object.fromEntries(
      (data.departments ?? []).map((d) => [d.code, d.nameEn ? { nameEn: d.nameEn } : {}]),
    ),
    licenceTypes: Object.fromEntries((data.licenceTypes ?? []).map((t) => [t.code, splitBilingualName(t.name)])),
    matters: Object.fromEntries(
      (data.matters ?? []).map((m) => {
        const notes = m.steps.map((s) => s.note ?? "");
        return [
          m.code,
          {
            ...(m.nameEn ? { nameEn: m.nameEn } : {}),
            ...(m.figures ? { figures: m.figures } : {}),
            ...(m.source ? { source: m.source } : {}),
            ...(notes.some(Boolean) ? { stepNotes: notes } : {}),
          },
        ];
      }),
    ),
    conditions: Object.entries(data.conditions ?? {})
      .sort(([, a], [, b]) => a - b)
      .map(([flag, bit]) => ({
        bit,
        code: flag,
        ...(names[flag]?.zh ? { zh: names[flag].zh } : {}),
        ...(names[flag]?.en ? { en: names[flag].en } : {}),
      })),
  };
}

/** JSON with object keys sorted at every depth: the same document always gives the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The document's hash: keccak-256 of its canonical JSON. */
export function catalogueMetadataHash(document: CatalogueMetadata): Hex {
  return keccak256(stringToBytes(canonicalJson(document)));
}

/** The text a catalogue editor signs (EIP-191 personal message) to publish the document of `hash`. */
export function catalogueMetadataMessage(hash: Hex): string {
  return `OneWindow catalogue metadata ${hash}`;
}

/** Signs a document as `account` (a viem local account or a wallet's `signMessage`). */
export async function signCatalogueMetadata(
  signer: { signMessage: (args: { message: string }) => Promise<Hex> },
  document: CatalogueMetadata,
): Promise<SignedCatalogueMetadata> {
  return {
    document,
    signature: await signer.signMessage({ message: catalogueMetadataMessage(catalogueMetadataHash(document)) }),
  };
}

/** Whether `account` holds the catalogue editor role (AccessManager, read now). */
export async function isCatalogueEditor(client: OneWindowClient, account: Address): Promise<boolean> {
  const [member] = await readContract(client, {
    contract: "AccessManager",
    functionName: "hasRole",
    args: [PlatformRole.CatalogueEditor, account],
  });
  return member;
}

/** A published document, checked: its hash, its signer, and whether the signer is a catalogue editor now. */
export type VerifiedCatalogueMetadata = {
  document: CatalogueMetadata;
  hash: Hex;
  publisher: Address;
  editor: boolean;
};

/**
 * Checks a signed document: the schema (throws a zod error otherwise), the signer recovered from
 * the signature, and whether that signer holds the catalogue editor role on chain now.
 */
export async function verifyCatalogueMetadata(
  client: OneWindowClient,
  signed: { document: unknown; signature: string },
): Promise<VerifiedCatalogueMetadata> {
  const document = catalogueMetadataSchema.parse(signed.document);
  const hash = catalogueMetadataHash(document);
  const publisher = await recoverMessageAddress({
    message: catalogueMetadataMessage(hash),
    signature: signed.signature as Hex,
  });
  return { document, hash, publisher, editor: await isCatalogueEditor(client, publisher) };
}
