import path from "node:path";
import { fileURLToPath } from "node:url";

import type { NextConfig } from "next";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The SDK ships TypeScript sources with `.ts` import suffixes; Next compiles them (transpilePackages). */
const nextConfig: NextConfig = {
  transpilePackages: ["@onewindow/sdk"],
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: {
    root,
    // The SDK's file helpers import node:fs and node:path; the browser bundle gets stand-ins.
    resolveAlias: {
      "node:fs": { browser: "./lib/shims/node-fs.ts" },
      "node:path": { browser: "./lib/shims/node-path.ts" },
    },
  },
  outputFileTracingRoot: root,
};

export default nextConfig;
