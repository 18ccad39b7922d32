/** GET /api/tracker/verifications?licences=0x…,0x…: the checks recorded on chain of these licences, newest first. */
import type { Hex } from "viem";

import { verificationsOf } from "@/lib/server/tracker.ts";

import { bad, unreachable } from "../errors.ts";

export const dynamic = "force-dynamic";

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
/** Most licences asked about at once (a holder's wallet). */
const MAX_LICENCES = 100;

export async function GET(request: Request): Promise<Response> {
  const text = new URL(request.url).searchParams.get("licences") ?? "";
  const licences = text === "" ? [] : text.split(",");
  if (licences.length > MAX_LICENCES || !licences.every((l) => BYTES32.test(l)))
    return bad(
      `licences must be up to ${MAX_LICENCES} licence ids (0x + 64 hex digits), separated by commas`,
      `licences 应为至多 ${MAX_LICENCES} 个以逗号分隔的证照编号（0x 加 64 位十六进制）`,
    );
  try {
    return Response.json({ verifications: await verificationsOf(licences as Hex[]) });
  } catch (error) {
    return unreachable(error);
  }
}
