/**
 * What verifiers of exported credentials (W3C VC 2.0 and SD-JWT VC, `docs/credentials.md`) fetch
 * from the platform, all public and read from the chain:
 *
 * - `GET /contexts/onewindow/credentials/v1`: the JSON-LD context the W3C credentials name;
 * - `GET /.well-known/jwt-vc-issuer/issuers/:departmentId`: SD-JWT VC issuer metadata, the JWKS of
 *   the department's signing keys this node holds, each an officer of the department on chain;
 * - `GET /issuers/:departmentId`: the same, at the issuer identifier itself;
 * - `GET /status-lists/:departmentId`: the department's IETF token status list (`statuslist+jwt`,
 *   2 bits per licence: valid, revoked, suspended);
 * - `GET /status-lists/:departmentId/revocation` and `/suspension`: the W3C Bitstring Status List
 *   credentials (`vc+jwt`);
 * - `GET /credentials/:licenceId?format=vc|sd-jwt` (the holder, signed in): one of their licences
 *   exported, signed with the issuing department's key this node holds;
 * - `PUT /batches/:batchRoot/members` (an officer of the issuing department): a batch's licence
 *   ids, accepted only if they rebuild the batch's root as issued on chain (see ../batches.ts).
 *
 * Lists are built from the LicenceRegistry's events up to the latest block and cached for that
 * block only: a revocation mined in block N is in every list served once the node reports N.
 * A batch with a member revoked or suspended on its own, whose member ids this node does not know,
 * is suspended as a whole in the lists (never shown valid), counted in the
 * `x-onewindow-unplaced-batches` header and logged, until its ids are deposited or posted.
 */
import { readContract, type OneWindowClient } from "@onewindow/sdk";
import {
  credentialUrls,
  CredentialStatus,
  didPkh,
  encodeBitstringStatusList,
  encodeTokenStatusList,
  jwkOfPublicKey,
  CredentialExportError,
  exportLicenceCredential,
  ONEWINDOW_CONTEXT,
  signBitstringStatusList,
  signerOfAccount,
  signStatusListToken,
  type CredentialSigner,
} from "@onewindow/sdk/vc";
import type { Context } from "hono";
import type { Hex, LocalAccount } from "viem";

import { officerOf, sessionOf } from "../access.ts";
import { knownBatchMembers, placeRecordedBatches, statusIndexOf } from "../batches.ts";
import type { ExchangeContext } from "../context.ts";
import { settleOutputsOf } from "../jobs/settle-outputs.ts";
import { parseSealedLicence } from "../licence-files.ts";
import * as S from "../schemas.ts";
import { recordBatchMembers } from "../store/batches.ts";
import { issuedLicenceOfHolder } from "../store/licences.ts";
import { ApiError, Errors } from "../errors.ts";
import { newRouter } from "../openapi.ts";

/** Seconds a verifier may cache a list (`ttl`): about a block on the production network. */
const STATUS_LIST_TTL_SECONDS = 5;

type ListKind = "token" | "revocation" | "suspension";

const noIssuingKey = () =>
  new ApiError(404, "NO_ISSUING_KEY", {
    zh: "本节点没有该部门的签发密钥，无法提供其状态列表或签发者元数据。请向该部门所在的交换节点查询。",
    en: "This exchange node holds no signing key of that department, so it serves neither its status lists nor its issuer metadata. Ask the department's own exchange node.",
  });
const badDepartment = () =>
  new ApiError(400, "INVALID_DEPARTMENT_ID", {
    zh: "部门编号必须是正整数。",
    en: "The department id must be a positive integer.",
  });

function departmentOf(c: Context): number {
  const id = Number(c.req.param("departmentId"));
  if (!Number.isSafeInteger(id) || id < 1 || id > 0xffffffff) throw badDepartment();
  return id;
}

function signerOf(client: OneWindowClient | undefined): CredentialSigner {
  const account = client?.wallet?.account;
  if (account === undefined || account.type !== "local") throw noIssuingKey();
  return signerOfAccount(account as LocalAccount);
}

const badFormat = () =>
  new ApiError(400, "INVALID_CREDENTIAL_FORMAT", {
    zh: "请用 format=vc（W3C 可验证凭证）或 format=sd-jwt（SD-JWT 可验证凭证）指定导出格式。",
    en: "Say which format to export: format=vc (W3C VC) or format=sd-jwt (SD-JWT VC).",
  });

/** Mounted at /. */
export function credentialRoutes(ctx: ExchangeContext) {
  /** The base of issuer, context and list URLs: the configured public URL, else the request's origin. */
  const baseUrlOf = (c: Context) => ctx.publicUrl ?? new URL(c.req.url).origin;
  const index = statusIndexOf(ctx);
  const cache = new Map<string, { block: bigint; unplaced: number; text: string }>();
  const blockTimes = new Map<bigint, number>();

  async function latest(): Promise<{ block: bigint; time: number }> {
    const block = await ctx.client.public.getBlockNumber({ cacheTime: 0 });
    await index.syncTo(block);
    await placeRecordedBatches(ctx);
    let time = blockTimes.get(block);
    if (time === undefined) {
      time = Number((await ctx.client.public.getBlock({ blockNumber: block })).timestamp);
      blockTimes.clear();
      blockTimes.set(block, time);
    }
    return { block, time };
  }

  async function statusList(c: Context, kind: ListKind): Promise<Response> {
    const departmentId = departmentOf(c);
    const signer = signerOf(ctx.issuers.get(departmentId));
    const baseUrl = baseUrlOf(c);
    const { block, time } = await latest();
    const key = `${baseUrl} ${departmentId} ${kind}`;
    const { statuses, unplacedBatches } = index.list(departmentId);
    let entry = cache.get(key);
    if (entry === undefined || entry.block !== block || entry.unplaced !== unplacedBatches.length) {
      if (unplacedBatches.length > 0) {
        ctx.log({
          event: "status-list-unplaced-batches",
          departmentId,
          block: block.toString(),
          batches: unplacedBatches,
        });
      }
      const common = {
        baseUrl,
        chainId: ctx.client.chain.id,
        departmentId,
        issuedAt: time,
        ttl: STATUS_LIST_TTL_SECONDS,
        blockNumber: block,
      };
      const text =
        kind === "token"
          ? await signStatusListToken({ ...common, statusList: encodeTokenStatusList(statuses) }, signer)
          : await signBitstringStatusList(
              {
                ...common,
                purpose: kind,
                encodedList: encodeBitstringStatusList(
                  statuses,
                  kind === "revocation" ? CredentialStatus.Revoked : CredentialStatus.Suspended,
                ),
              },
              signer,
            );
      entry = { block, unplaced: unplacedBatches.length, text };
      cache.set(key, entry);
    }
    return c.body(entry.text, 200, {
      "content-type": kind === "token" ? "application/statuslist+jwt" : "application/vc+jwt",
      "cache-control": `public, max-age=${STATUS_LIST_TTL_SECONDS}`,
      "x-onewindow-block": block.toString(),
      "x-onewindow-unplaced-batches": String(entry.unplaced),
    });
  }

  async function issuerMetadata(c: Context): Promise<Response> {
    const departmentId = departmentOf(c);
    const signer = signerOf(ctx.issuers.get(departmentId));
    const isOfficer = await readContract(ctx.client, {
      contract: "DepartmentRegistry",
      functionName: "isOfficer",
      args: [departmentId, signer.address],
    });
    const kid = `${didPkh(ctx.client.chain.id, signer.address)}#blockchainAccountId`;
    const keys = isOfficer ? [{ ...jwkOfPublicKey(signer.publicKey), kid, alg: "ES256K", use: "sig" }] : [];
    return c.json({ issuer: credentialUrls(baseUrlOf(c), departmentId).issuer, jwks: { keys } }, 200);
  }

  async function exportCredential(c: Context): Promise<Response> {
    const format = c.req.query("format");
    if (format !== "vc" && format !== "sd-jwt") throw badFormat();
    const licenceId = c.req.param("licenceId")!.toLowerCase();
    if (!/^0x[0-9a-f]{64}$/.test(licenceId)) throw Errors.notFound();
    const holder = await sessionOf(ctx, c);
    await settleOutputsOf(ctx, holder, licenceId);
    const sealed = await issuedLicenceOfHolder(ctx.db, licenceId, holder);
    if (!sealed) throw Errors.notFound();
    const file = parseSealedLicence(ctx.dataKey, sealed, licenceId);
    const issuer = ctx.issuers.get(file.issuerDepartment);
    signerOf(issuer);
    if (file.batch !== undefined) {
      await latest();
      if ((await knownBatchMembers(ctx, file.batch.root)) === undefined) throw Errors.batchMembersUnknown();
    }
    try {
      const exported = await exportLicenceCredential(issuer!, {
        file,
        format,
        baseUrl: baseUrlOf(c),
        statusIndex: index,
      });
      return c.body(exported.credential, 200, {
        "content-type": exported.mediaType,
        "content-disposition": `attachment; filename="licence-${licenceId.slice(2, 10)}.${format === "vc" ? "vc.jwt" : "sd-jwt"}"`,
      });
    } catch (error) {
      if (error instanceof CredentialExportError) throw new ApiError(409, error.code, error.messages);
      throw error;
    }
  }

  async function putBatchMembers(c: Context): Promise<Response> {
    const param = S.BatchMembersParams.safeParse({ batchRoot: c.req.param("batchRoot") });
    if (!param.success) throw Errors.batchNotOnChain();
    const root = param.data.batchRoot.toLowerCase() as Hex;
    const officer = await officerOf(ctx, c);
    const body = S.BatchMembersBody.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) throw Errors.batchMembersMismatch();
    const ids = body.data.licenceIds as Hex[];
    await latest();
    const batch = index.batchOf(root);
    if (batch === undefined) throw Errors.batchNotOnChain();
    if (batch.departmentId !== officer.departmentId) throw Errors.notLicenceIssuer();
    if (!index.addBatchMembers(root, ids)) throw Errors.batchMembersMismatch();
    await recordBatchMembers(ctx.db, root, ids);
    ctx.log({ event: "batch-members-recorded", batchRoot: root, departmentId: batch.departmentId, count: ids.length });
    return c.json({ batchRoot: root, count: ids.length }, 200);
  }

  return newRouter()
    .get("/credentials/:licenceId", exportCredential)
    .put("/batches/:batchRoot/members", putBatchMembers)
    .get("/contexts/onewindow/credentials/v1", (c) =>
      c.body(JSON.stringify(ONEWINDOW_CONTEXT, null, 2), 200, {
        "content-type": "application/ld+json",
        "cache-control": "public, max-age=86400",
      }),
    )
    .get("/.well-known/jwt-vc-issuer/issuers/:departmentId", issuerMetadata)
    .get("/issuers/:departmentId", issuerMetadata)
    .get("/status-lists/:departmentId", (c) => statusList(c, "token"))
    .get("/status-lists/:departmentId/revocation", (c) => statusList(c, "revocation"))
    .get("/status-lists/:departmentId/suspension", (c) => statusList(c, "suspension"));
}
