/** The public JSON Schema file cli/schemas/district.schema.json, made from the zod schemas of format.ts. */
import { districtJsonSchema } from "./format.ts";

export const SCHEMA_FILE = new URL("../../schemas/district.schema.json", import.meta.url);

/** The schema file's text. */
export function schemaText(): string {
  return JSON.stringify(districtJsonSchema(), null, 2) + "\n";
}
