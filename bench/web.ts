/**
 * `npm run bench -- web`: Lighthouse (npm `lighthouse`, Debian's Chromium) performance and
 * accessibility of the catalogue, an application page (the VR hall), the department workbench, the
 * holder's wallet and the public verifier, and the JavaScript each loads first, against the platform as `npm run dev` starts it (on free
 * ports, with the web built by `next build` first when it was not). Writes bench/results/web.json:
 * `{"routes": {"<route>": {"performance", "accessibility", "firstLoadJsKb"}}}`, scores 0–100.
 *
 * firstLoadJsKb: kilobytes of JavaScript transferred (compressed, as `next start` serves it) when
 * the route is first loaded, from Lighthouse's resource summary. Desktop preset (Lighthouse's
 * desktop config: no mobile CPU/network throttling), median of BENCH_WEB_RUNS runs (default 3).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

import { launch } from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

import { startPlatform, stopProcessGroup } from "@onewindow/testkit/platform";
import { resultsDirectory, writeJson } from "./results.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const CHROME = process.env.CHROME_PATH ?? "/usr/lib/chromium/chromium";
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 3);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

if (!existsSync(path.join(ROOT, "web/.next/BUILD_ID"))) {
  console.error("bench web: building the web (next build) …");
  const build = spawnSync("npx", ["next", "build", "web"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

console.error("bench web: starting the platform (scripts/dev.ts) …");
const platform = await startPlatform({ label: "bench-web" });
const base = platform.baseUrl;
console.error(`bench web: the web is on ${base}`);

let chrome: Awaited<ReturnType<typeof launch>> | undefined;
try {
  const demo = JSON.parse(readFileSync(path.join(ROOT, ".data/demo/accounts.json"), "utf8")) as {
    applications: { applicationId: string; matter: string; state: string }[];
  };
  const vrHall = demo.applications.find((a) => a.matter === "HD-VR-HALL")!.applicationId;
  const routes: Record<string, string> = {
    "/": `${base}/`,
    "/applications/[id]": `${base}/applications/${vrHall}`,
    "/workbench": `${base}/workbench`,
    "/wallet": `${base}/wallet`,
    "/verify": `${base}/verify`,
    "/admin": `${base}/admin`,
  };
  chrome = await launch({
    chromePath: CHROME,
    chromeFlags: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  // Warm the server (first requests compile nothing under next start, but fill the catalogue cache).
  for (const url of Object.values(routes)) await fetch(url);
  const results: Record<string, { performance: number; accessibility: number; firstLoadJsKb: number; runs: number }> =
    {};
  for (const [route, url] of Object.entries(routes)) {
    const performance: number[] = [];
    const accessibility: number[] = [];
    const js: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const result = await lighthouse(
        url,
        { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] },
        desktopConfig,
      );
      if (!result) throw new Error(`lighthouse gave no result for ${url}`);
      const { lhr } = result;
      performance.push(Math.round((lhr.categories.performance?.score ?? 0) * 100));
      accessibility.push(Math.round((lhr.categories.accessibility?.score ?? 0) * 100));
      const items =
        (
          lhr.audits["resource-summary"]?.details as
            { items?: { resourceType: string; transferSize: number }[] } | undefined
        )?.items ?? [];
      js.push((items.find((i) => i.resourceType === "script")?.transferSize ?? 0) / 1024);
    }
    results[route] = {
      performance: median(performance),
      accessibility: median(accessibility),
      firstLoadJsKb: Math.round(median(js) * 10) / 10,
      runs: RUNS,
    };
    console.error(`bench web: ${route}: ${JSON.stringify(results[route])}`);
  }
  const file = writeJson(resultsDirectory(), "web.json", {
    routes: results,
    method: {
      lighthouse: "13.5.0, desktop preset, performance + accessibility, median of runs",
      chrome: CHROME,
      firstLoadJsKb: "JavaScript transferred (compressed) on the route's first load, Lighthouse resource summary",
      server: "next start (production build) started by scripts/dev.ts",
    },
  });
  console.log(`bench web: wrote ${file}`);
} finally {
  await chrome?.kill();
  await stopProcessGroup(platform.pid);
  rmSync(platform.indexerData, { recursive: true, force: true });
}
