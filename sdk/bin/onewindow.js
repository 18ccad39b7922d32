#!/usr/bin/env node
// The `onewindow` CLI. The SDK ships its TypeScript sources, run here through tsx.
import process from "node:process";

import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
