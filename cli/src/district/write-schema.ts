/** Writes cli/schemas/district.schema.json: `npm run schema --workspace cli`. */
import { writeFileSync } from "node:fs";

import { SCHEMA_FILE, schemaText } from "./schema-file.ts";

writeFileSync(SCHEMA_FILE, schemaText());
