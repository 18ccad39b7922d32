#!/usr/bin/env node
// The `onewindow` CLI. The CLI and the SDK ship their TypeScript sources, run here through tsx.
import { existsSync } from "node:fs";
import process from "node:process";
import { URL } from "node:url";

import { register } from "tsx/esm/api";

// The SDK's typed ABIs are generated from the contracts' build, not committed.
if (!existsSync(new URL("./generated/abis.ts", import.meta.resolve("@onewindow/sdk")))) {
  process.stderr.write(
    "error: the SDK's ABIs are not generated yet: run `npm run build` in the OneWindow repository first.\n" +
      "错误：尚未生成 SDK 的合约 ABI，请先在 OneWindow 仓库中运行 npm run build。\n",
  );
  process.exit(10);
}
register();
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2));
