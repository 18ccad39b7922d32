/**
 * POST /api/tracker/describe {licences, applications, masks}: the names behind ids (departments,
 * licence types and field names, 受理号 and matters), so the tracker pages never show an id or a mask.
 */
import type { Hex } from "viem";

import { describe } from "@/lib/server/tracker.ts";

import { bad, unreachable } from "../errors.ts";

export const dynamic = "force-dynamic";

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
/** Most ids described at once (two pages of the access log). */
const MAX_IDS = 200;

type Body = { licences?: unknown; applications?: unknown; masks?: unknown };

const ids = (value: unknown): value is Hex[] =>
  Array.isArray(value) && value.length <= MAX_IDS && value.every((v) => typeof v === "string" && BYTES32.test(v));

export async function POST(request: Request): Promise<Response> {
  const body = (await request.json().catch(() => undefined)) as Body | undefined;
  const masks = body?.masks;
  const masksOk =
    Array.isArray(masks) &&
    masks.length <= MAX_IDS &&
    masks.every(
      (m: { licenceId?: unknown; mask?: unknown }) =>
        typeof m?.licenceId === "string" &&
        BYTES32.test(m.licenceId) &&
        typeof m.mask === "string" &&
        /^[0-9]{1,78}$/.test(m.mask),
    );
  if (!body || !ids(body.licences) || !ids(body.applications) || !masksOk)
    return bad(
      `expected {licences, applications, masks}: up to ${MAX_IDS} ids (0x + 64 hex digits) each, masks as {licenceId, mask (decimal)}`,
      `应为 {licences, applications, masks}：每项至多 ${MAX_IDS} 个编号（0x 加 64 位十六进制），masks 为 {licenceId, mask（十进制）}`,
    );
  try {
    return Response.json(
      await describe({
        licences: body.licences,
        applications: body.applications,
        masks: masks as { licenceId: Hex; mask: string }[],
      }),
    );
  } catch (error) {
    return unreachable(error);
  }
}
