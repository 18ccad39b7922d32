/** Writes cli/schemas/district.schema.json: `npm run schema --workspace cli` (then prettier formats it). */
import { writeFileSync } from "node:fs";

import { SCHEMA_FILE, schemaText } from "./schema-file.ts";

writeFileSync(SCHEMA_FILE, schemaText());
