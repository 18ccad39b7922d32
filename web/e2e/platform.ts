/** What global-setup started (or found), for the tests: URLs and the demo accounts written by the seed. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { Hex } from "viem";

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ROOT = path.dirname(WEB_DIR);
export const PLATFORM_FILE = path.join(WEB_DIR, "test-results", "platform.json");
export const SCREENSHOTS = path.join(WEB_DIR, "test-results", "screenshots");

export type PlatformInfo = {
  baseUrl: string;
  rpcUrl: string;
  exchangeUrl: string;
  chainId: number;
  pid?: number;
  tempDirs?: string[];
};

type DemoAccount = { role: string; address: Hex; privateKey: Hex; department?: string };
type Demo = {
  chainId: number;
  accounts: DemoAccount[];
  applications: { applicationId: Hex; matter: string; applicant: string; state: string }[];
  licences: { licenceId: Hex; type: string; holder: Hex; file: string }[];
  departments: { code: string; id: number }[];
};

export function platform(): PlatformInfo {
  return JSON.parse(readFileSync(PLATFORM_FILE, "utf8")) as PlatformInfo;
}

export function demo(): Demo {
  return JSON.parse(readFileSync(path.join(ROOT, ".data", "demo", "accounts.json"), "utf8")) as Demo;
}

export function officers(department: string): DemoAccount[] {
  return demo().accounts.filter((a) => a.department === department);
}

export function applicant(nameFragment: string): DemoAccount {
  const found = demo().accounts.find((a) => a.role.startsWith("applicant:") && a.role.includes(nameFragment));
  if (!found) throw new Error(`no demo applicant like ${nameFragment}`);
  return found;
}

export function application(matter: string, state: string): Hex {
  const found = demo().applications.find((a) => a.matter === matter && a.state === state);
  if (!found) throw new Error(`no demo application ${matter} ${state}`);
  return found.applicationId;
}
