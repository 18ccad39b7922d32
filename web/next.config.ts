import path from "node:path";
import { fileURLToPath } from "node:url";

import type { NextConfig } from "next";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The SDK ships TypeScript sources with `.ts` import suffixes; Next compiles them (transpilePackages). */
const nextConfig: NextConfig = {
  transpilePackages: ["@onewindow/sdk", "@onewindow/exchange"],
  reactStrictMode: true,
  poweredByHeader: false,
  // The SDK's main entry is browser-safe (its Node-only helpers are at @onewindow/sdk/node, imported
  // only by server code): the browser bundle needs no stand-ins for Node modules.
  turbopack: { root },
  outputFileTracingRoot: root,
};

export default nextConfig;
