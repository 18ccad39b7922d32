/** GET /api/tracker/consents?holder=0x…: every consent the holder granted (indexer), with the chain's time. */
import { isAddress, type Address } from "viem";

import { holderConsents } from "@/lib/server/tracker.ts";

import { bad, unreachable } from "../errors.ts";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const holder = new URL(request.url).searchParams.get("holder") ?? "";
  if (!isAddress(holder, { strict: false }))
    return bad("holder must be an address (0x + 40 hex digits)", "holder 应为地址（0x 加 40 位十六进制）");
  try {
    return Response.json(await holderConsents(holder as Address));
  } catch (error) {
    return unreachable(error);
  }
}
