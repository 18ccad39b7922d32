/** GET /api/queue?account=0x…: the active steps of the account's department, by deadline (overdue first). */
import {
  ApplicationStatus,
  chainTime,
  departmentOf,
  getApplicationSteps,
  getLicenceType,
  type OneWindowError,
} from "@onewindow/sdk";
import { isAddress, type Address } from "viem";

import { listApplications, pendingOutputLicence } from "@/lib/server/audit.ts";
import type { QueueItem, QueueResponse } from "@/lib/api.ts";
import { getCatalogue, getPlatform } from "@/lib/server/platform.ts";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const account = new URL(request.url).searchParams.get("account") ?? "";
  if (!isAddress(account, { strict: false }))
    return Response.json(
      {
        error: { en: "account must be an address (0x + 40 hex digits)", zh: "account 应为地址（0x 加 40 位十六进制）" },
      },
      { status: 400 },
    );
  try {
    const { client } = await getPlatform();
    const membership = await departmentOf(client, { account: account as Address });
    if (!membership) return Response.json({ officer: false } satisfies QueueResponse);
    const [catalogue, { applications }, now] = await Promise.all([
      getCatalogue(),
      listApplications(),
      chainTime(client).then(Number),
    ]);
    const department = catalogue.departments.find((d) => d.departmentId === membership.departmentId)!;
    const officerIndex = department.officers.findIndex((o) => o.toLowerCase() === account.toLowerCase());
    const states = await Promise.all(
      applications.map((a) => getApplicationSteps(client, { applicationId: a.applicationId })),
    );
    const items: QueueItem[] = states.flatMap(({ application, steps }) => {
      if (application.status !== ApplicationStatus.Active) return [];
      const matter = catalogue.matters.find((v) => v.matterId === application.matterId);
      return steps
        .filter((s) => s.state === "active" && s.departmentId === membership.departmentId)
        .map((s) => ({
          applicationId: application.applicationId,
          matterCode: matter?.code ?? "",
          matterName: matter?.name ?? "",
          matterNameEn: matter?.nameEn ?? "",
          step: s.index,
          deadline: s.deadline,
          overdue: s.deadline < now,
          votes: s.votes,
          voted: officerIndex >= 0 && ((s.voterMask >> officerIndex) & 1) === 1,
          isOutput: s.isOutput,
          returned: false,
          applicant: application.applicant,
          outputLicenceId: undefined as string | undefined,
          output: (() => {
            const issues = matter?.matter.definition.steps[s.index]?.issues;
            return s.isOutput && issues ? { typeId: issues, typeVersion: 0, fieldNames: [] } : undefined;
          })(),
        }));
    });
    // The output step's licence type, so the officer can build the output licence.
    const typeIds = [...new Set(items.flatMap((i) => (i.output ? [i.output.typeId] : [])))];
    const types = await Promise.all(typeIds.map((typeId) => getLicenceType(client, { typeId })));
    for (const item of items) {
      const type = item.output && types.find((t) => t.typeId === item.output!.typeId);
      if (type)
        item.output = { typeId: type.typeId, typeVersion: type.currentVersion, fieldNames: type.version.fieldNames };
    }
    await Promise.all(
      items
        .filter((i) => i.output && i.votes > 0)
        .map(async (i) => {
          i.outputLicenceId = await pendingOutputLicence(i.applicationId as `0x${string}`, i.step);
        }),
    );
    items.sort((a, b) => a.deadline - b.deadline);
    return Response.json({
      officer: true,
      department: {
        id: department.departmentId,
        code: department.code,
        name: department.name,
        nameEn: department.nameEn,
        threshold: department.threshold,
        officers: department.officers.length,
      },
      now,
      items,
    } satisfies QueueResponse);
  } catch (error) {
    const messages = (error as OneWindowError).messages ?? {
      en: "the chain node cannot be reached",
      zh: "无法连接区块链节点",
    };
    return Response.json({ error: messages }, { status: 502 });
  }
}
