import { isHex, type Hex } from "viem";

import { applicationNumberOf, getApplicationSteps, statusName } from "@onewindow/sdk";

import type { Command } from "../command.ts";
import { UsageError } from "../exit-codes.ts";
import { table } from "../output.ts";

const STATE_NAMES: Record<string, { zh: string; en: string }> = {
  pending: { zh: "等待前序环节", en: "waiting" },
  active: { zh: "审批中", en: "under review" },
  paused: { zh: "暂停（补正中）", en: "paused (with applicant)" },
  approved: { zh: "已批准", en: "approved" },
  closed: { zh: "已结束", en: "closed" },
};

const date = (seconds: number) =>
  seconds === 0 ? "" : new Date(seconds * 1000).toISOString().slice(0, 16).replace("T", " ");

export const statusCommand: Command = {
  name: "status",
  summary: { zh: "查看申请及各并联环节的进度与时限", en: "Show an application and its parallel steps with deadlines" },
  usage: "<application id>",
  options: {},
  async run(context, _values, positionals) {
    const [applicationId] = positionals;
    if (!applicationId || !isHex(applicationId) || applicationId.length !== 66) {
      throw new UsageError(
        "Give the application id (0x + 64 hex digits).",
        "请提供申请编号（0x 加 64 位十六进制数字）。",
      );
    }
    const { application, steps } = await getApplicationSteps(await context.reader(), {
      applicationId: applicationId as Hex,
    });
    const { out } = context;
    const zh = out.lang === "zh";
    out.result({ application, steps }, () =>
      [
        `${zh ? "受理号" : "application no."} ${applicationNumberOf(application.applicationId)}   ${zh ? "申请编号" : "id"} ${application.applicationId}`,
        `${zh ? "事项" : "matter"} ${application.matterId} v${application.matterVersion}   ${zh ? "申请人" : "applicant"} ${application.applicant}   ${zh ? "状态" : "status"}: ${statusName(application.status)[out.lang]}`,
        "",
        table(
          [
            "#",
            zh ? "部门" : "dept",
            zh ? "依赖" : "after",
            zh ? "时限(工作日)" : "limit (days)",
            zh ? "状态" : "state",
            zh ? "截止(UTC)" : "deadline (UTC)",
          ],
          steps.map((s) => [
            s.index,
            s.departmentId,
            s.dependsOn.join(",") || "-",
            s.timeLimit,
            STATE_NAMES[s.state]?.[out.lang] ?? s.state,
            date(s.deadline),
          ]),
        ),
      ].join("\n"),
    );
  },
};
