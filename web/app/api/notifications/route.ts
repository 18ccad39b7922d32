/**
 * GET /api/notifications?address=0x…[&application=0x…][&source=chain]: the proactive pushes of an
 * applicant (lib/server/notifications.ts), newest first, with names; `application` keeps one
 * application's, `source=chain` reads the chain's events instead of the indexer.
 */
import type { OneWindowError } from "@onewindow/sdk";
import { isAddress, type Address } from "viem";

import { APPLICATION_ID } from "@/lib/server/application.ts";
import type { NotificationsResponse } from "@/lib/api.ts";
import { getNotifications, withNames } from "@/lib/server/notifications.ts";

export const dynamic = "force-dynamic";

const bad = (en: string, zh: string) => Response.json({ error: { en, zh } }, { status: 400 });

export async function GET(request: Request): Promise<Response> {
  const query = new URL(request.url).searchParams;
  const address = query.get("address") ?? "";
  const application = query.get("application");
  const source = query.get("source") ?? "indexer";
  if (!isAddress(address, { strict: false }))
    return bad("address must be an address (0x + 40 hex digits)", "address 应为地址（0x 加 40 位十六进制）");
  if (application !== null && !APPLICATION_ID.test(application))
    return bad(
      "application must be an application id (0x + 64 hex digits)",
      "application 应为申请编号（0x 加 64 位十六进制）",
    );
  if (source !== "indexer" && source !== "chain")
    return bad("source must be indexer or chain", "source 只能是 indexer 或 chain");
  try {
    const result = await getNotifications(address as Address, source);
    const kept = application
      ? result.notifications.filter((n) => n.applicationId.toLowerCase() === application.toLowerCase())
      : result.notifications;
    return Response.json({
      source: result.source,
      notifications: await withNames(kept),
    } satisfies NotificationsResponse);
  } catch (error) {
    const messages = (error as OneWindowError).messages ?? {
      en: "the chain node cannot be reached: make sure the platform runs, then retry",
      zh: "无法连接区块链节点：请确认平台已启动后重试",
    };
    return Response.json({ error: messages }, { status: 502 });
  }
}
