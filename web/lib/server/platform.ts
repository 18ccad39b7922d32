/**
 * Server side: the chain connection, the deployment (deployments/<chainId>.json, read at run time,
 * never copied) and the catalogue's published metadata (names in English, figures' sources, step
 * notes, condition names) that the exchange serves and a catalogue editor signed.
 */
import path from "node:path";

import { createExchangeClient, fetchCatalogueMetadata } from "@onewindow/exchange/client";
import {
  createOneWindowClient,
  getMatter,
  listDepartments,
  listMatters,
  verifyCatalogueMetadata,
  type Department,
  type Deployment,
  type GetMatterReturnType,
  type OneWindowClient,
  type VerifiedCatalogueMetadata,
} from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";

import type { ConditionName } from "@/lib/labels.ts";

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

/** What the pages know about a matter beyond the chain (the catalogue's published metadata). */
export type MatterExtra = { nameEn?: string; figures?: string; source?: string; stepNotes: string[] };

/** The catalogue's published metadata as the pages read it; empty when none is published or believed. */
export type CatalogueNames = {
  matters: Map<string, MatterExtra>;
  departments: Map<string, string>;
  /** Licence types' names in each language, by code. */
  licenceTypes: Map<string, { name: string; nameEn?: string | undefined }>;
  conditions: ConditionName[];
  /** The published version read, when there is one. */
  hash?: string | undefined;
};

const NO_NAMES: CatalogueNames = {
  matters: new Map(),
  departments: new Map(),
  licenceTypes: new Map(),
  conditions: [],
};

/**
 * The newest metadata the exchange publishes (GET /catalogue/metadata), believed only when its
 * signature checks and its signer holds the catalogue editor role on chain now; otherwise (none
 * published, exchange down, forged or signed by someone else) the pages use the chain's names.
 */
export async function publishedNames(client: OneWindowClient): Promise<CatalogueNames> {
  let published: Awaited<ReturnType<typeof fetchCatalogueMetadata>>;
  try {
    published = await fetchCatalogueMetadata(createExchangeClient(exchangeUrl()));
  } catch {
    return NO_NAMES;
  }
  if (!published) return NO_NAMES;
  let verified: VerifiedCatalogueMetadata;
  try {
    verified = await verifyCatalogueMetadata(client, published);
  } catch {
    console.warn(`catalogue metadata ${published.hash}: not a valid signed document; ignored`);
    return NO_NAMES;
  }
  if (!verified.editor) {
    console.warn(`catalogue metadata ${verified.hash}: signed by ${verified.publisher}, no catalogue editor; ignored`);
    return NO_NAMES;
  }
  const { document } = verified;
  return {
    hash: verified.hash,
    matters: new Map(
      Object.entries(document.matters).map(([code, m]) => [
        code,
        {
          ...(m.nameEn ? { nameEn: m.nameEn } : {}),
          ...(m.figures ? { figures: m.figures } : {}),
          ...(m.source ? { source: m.source } : {}),
          stepNotes: m.stepNotes ?? [],
        },
      ]),
    ),
    departments: new Map(
      Object.entries(document.departments).flatMap(([code, d]) => (d.nameEn ? [[code, d.nameEn]] : [])),
    ),
    licenceTypes: new Map(Object.entries(document.licenceTypes)),
    conditions: document.conditions,
  };
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
export type Catalogue = {
  departments: DepartmentView[];
  matters: MatterView[];
  /** The published metadata's licence type names and condition names. */
  names: CatalogueNames;
};

let catalogueCache: { at: number; key: string; value: Promise<Catalogue> } | undefined;
const CATALOGUE_TTL_MS = 15_000;

/** Departments and matters from the chain (ServiceCatalog, DepartmentRegistry), with the published metadata's names. */
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
    const [departments, { matters }, data] = await Promise.all([
      listDepartments(client),
      listMatters(client, { limit: 500 }),
      publishedNames(client),
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
    return { departments: departmentViews, matters: views, names: data };
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
