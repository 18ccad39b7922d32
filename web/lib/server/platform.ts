/**
 * Server side: the chain connection, the deployment (deployments/<chainId>.json, read at run time,
 * never copied) and the district's demo data (names in English, figures' sources) for the pages.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import {
  createOneWindowClient,
  getMatter,
  listDepartments,
  listMatters,
  type Department,
  type Deployment,
  type GetMatterReturnType,
  type OneWindowClient,
} from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";

/** The repository root: ONEWINDOW_ROOT, or the parent of web/ when the server runs in web/. */
export function repoRoot(): string {
  if (process.env.ONEWINDOW_ROOT) return process.env.ONEWINDOW_ROOT;
  const cwd = process.cwd();
  return path.basename(cwd) === "web" ? path.dirname(cwd) : cwd;
}

export function rpcUrl(): string {
  return process.env.ONEWINDOW_RPC_URL ?? `http://127.0.0.1:${process.env.ONEWINDOW_CHAIN_PORT ?? 8545}`;
}

export function indexerUrl(): string {
  return process.env.INDEXER_URL ?? `http://127.0.0.1:${process.env.INDEXER_PORT ?? 42069}`;
}

export function exchangeUrl(): string {
  return process.env.EXCHANGE_URL ?? `http://127.0.0.1:${process.env.EXCHANGE_PORT ?? 8787}`;
}

/** The node's chain id (eth_chainId); throws when the node does not answer. */
async function nodeChainId(url: string): Promise<number> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    signal: AbortSignal.timeout(5000),
    cache: "no-store",
  });
  const body = (await response.json()) as { result?: string };
  if (!body.result) throw new Error(`${url} gave no chain id`);
  return Number(body.result);
}

export type Platform = { client: OneWindowClient; deployment: Deployment; rpcUrl: string };

let platform: { key: string; value: Promise<Platform> } | undefined;

/** A read-only SDK client for the running platform (the deployment re-read when the node changes). */
export function getPlatform(): Promise<Platform> {
  const url = rpcUrl();
  const key = url;
  if (platform?.key !== key) {
    const value = (async () => {
      const chainId = await nodeChainId(url);
      const deployment = process.env.ONEWINDOW_DEPLOYMENT
        ? readDeployment({ file: process.env.ONEWINDOW_DEPLOYMENT })
        : readDeployment({ chainId, directory: path.join(repoRoot(), "deployments") });
      return { client: createOneWindowClient({ rpcUrl: url, deployment }), deployment, rpcUrl: url };
    })();
    platform = { key, value };
    value.catch(() => {
      if (platform?.value === value) platform = undefined;
    });
  }
  return platform.value;
}

/** What the pages know about a matter beyond the chain (scripts/data/haidian/matters.json). */
export type MatterExtra = { nameEn?: string; figures?: string; source?: string; stepNotes: string[] };
type DataFile = {
  matters?: { code: string; nameEn?: string; figures?: string; source?: string; steps: { note?: string }[] }[];
  departments?: { code: string; nameEn?: string }[];
  conditions?: Record<string, number>;
};

let dataCache:
  | { matters: Map<string, MatterExtra>; departments: Map<string, string>; conditions: Record<string, number> }
  | undefined;

export function districtData() {
  if (dataCache) return dataCache;
  const dir = path.join(repoRoot(), "scripts", "data", "haidian");
  const read = (name: string): DataFile => {
    try {
      return JSON.parse(readFileSync(path.join(dir, name), "utf8")) as DataFile;
    } catch {
      return {};
    }
  };
  const matters = read("matters.json");
  const departments = read("departments.json");
  dataCache = {
    matters: new Map(
      (matters.matters ?? []).map((m) => [
        m.code,
        {
          ...(m.nameEn ? { nameEn: m.nameEn } : {}),
          ...(m.figures ? { figures: m.figures } : {}),
          ...(m.source ? { source: m.source } : {}),
          stepNotes: m.steps.map((s) => s.note ?? ""),
        },
      ]),
    ),
    departments: new Map((departments.departments ?? []).flatMap((d) => (d.nameEn ? [[d.code, d.nameEn]] : []))),
    conditions: matters.conditions ?? {},
  };
  return dataCache;
}

export type DepartmentView = Pick<Department, "departmentId" | "code" | "name" | "level" | "threshold" | "officers"> & {
  nameEn: string;
};
export type MatterView = {
  matterId: number;
  code: string;
  name: string;
  nameEn: string;
  active: boolean;
  /** 1 national, 2 municipal, 3 district: the most senior level among its departments. */
  level: number;
  departmentIds: number[];
  matter: GetMatterReturnType;
  extra: MatterExtra;
};
export type Catalogue = { departments: DepartmentView[]; matters: MatterView[] };

let catalogueCache: { at: number; key: string; value: Promise<Catalogue> } | undefined;
const CATALOGUE_TTL_MS = 15_000;

/** Departments and matters from the chain (ServiceCatalog, DepartmentRegistry), with the data's English names. */
export async function getCatalogue(): Promise<Catalogue> {
  const { client } = await getPlatform();
  const key = client.addresses.ServiceCatalog;
  if (catalogueCache && catalogueCache.key === key) {
    // Stale while revalidating: the catalogue changes rarely; a reload is started in the background.
    if (Date.now() - catalogueCache.at > CATALOGUE_TTL_MS) void refreshCatalogue(client, key);
    return catalogueCache.value;
  }
  return refreshCatalogue(client, key);
}

function refreshCatalogue(client: OneWindowClient, key: string): Promise<Catalogue> {
  const previous = catalogueCache;
  const value = (async () => {
    const data = districtData();
    const [departments, { matters }] = await Promise.all([
      listDepartments(client),
      listMatters(client, { limit: 500 }),
    ]);
    const departmentViews: DepartmentView[] = departments.map((d) => ({
      departmentId: d.departmentId,
      code: d.code,
      name: d.name,
      level: d.level,
      threshold: d.threshold,
      officers: d.officers,
      nameEn: data.departments.get(d.code) ?? d.name,
    }));
    const levelOf = new Map(departmentViews.map((d) => [d.departmentId, d.level as number]));
    const full = await Promise.all(matters.map((m) => getMatter(client, { matterId: m.matterId })));
    const views: MatterView[] = full.map((matter) => {
      const departmentIds = [...new Set(matter.definition.steps.map((s) => s.departmentId))];
      const extra = data.matters.get(matter.code) ?? { stepNotes: [] };
      return {
        matterId: matter.matterId,
        code: matter.code,
        name: matter.name,
        nameEn: extra.nameEn ?? matter.name,
        active: matter.active,
        level: Math.min(...departmentIds.map((id) => levelOf.get(id) ?? 3)),
        departmentIds,
        matter,
        extra,
      };
    });
    return { departments: departmentViews, matters: views };
  })();
  if (previous?.key === key) {
    previous.at = Date.now();
    void value
      .then((fresh) => (catalogueCache = { at: Date.now(), key, value: Promise.resolve(fresh) }))
      .catch(() => {});
    return previous.value;
  }
  catalogueCache = { at: Date.now(), key, value };
  value.catch(() => {
    if (catalogueCache?.value === value) catalogueCache = undefined;
  });
  return value;
}

export const LEVEL_NAMES = { 1: "national", 2: "municipal", 3: "district" } as const;
