import {
  applyDistrictPlan,
  describePlan,
  getDepartment,
  getLicenceType,
  planDistrict,
  setMatterActive,
  type DistrictData,
} from "@onewindow/sdk";

import type { Command } from "../command.ts";
import { districtFiles } from "../district/format.ts";
import { jsonPath } from "../district/folder.ts";
import { ExitCode, InputError, UsageError } from "../exit-codes.ts";
import { table } from "../output.ts";
import { matterOf } from "./apply.ts";
import { readJsonFile } from "./common.ts";

export const matterCommand: Command = {
  name: "matter",
  summary: {
    zh: "查看、登记（或发布新版本）、停用、启用办事事项",
    en: "Show, register (or version), deactivate or activate a service matter",
  },
  usage: [
    "show <code|id>",
    "register <matters.json>      (the district format's matters.json: conditions, rules, matters; codes resolved on chain)",
    "deactivate <code|id>",
    "activate <code|id>",
  ].join("\n"),
  options: {},
  async run(context, _values, positionals) {
    const [action, target] = positionals;
    const { out } = context;
    const zh = out.lang === "zh";
    if (!target)
      throw new UsageError(
        `Name the matter: matter ${action ?? "show"} <…>.`,
        `请指定事项：matter ${action ?? "show"} <…>。`,
      );
    if (action === "show") {
      const client = await context.reader();
      const matter = await matterOf(client, target);
      const { definition } = matter;
      // Names, not ids: each department's code and each licence type's code.
      const departments = new Map(
        await Promise.all(
          [...new Set(definition.steps.map((s) => s.departmentId))].map(
            async (id) => [id, (await getDepartment(client, { departmentId: id })).code] as const,
          ),
        ),
      );
      const typeIds = [
        ...new Set([
          ...definition.steps.flatMap((s) => (s.issues ? [s.issues] : [])),
          ...definition.materials.flatMap((m) => (m.kind === "licence" ? [m.licenceTypeId] : [])),
        ]),
      ];
      const types = new Map(
        await Promise.all(
          typeIds.map(async (id) => [id, (await getLicenceType(client, { typeId: id })).code] as const),
        ),
      );
      out.result(matter, () =>
        [
          `${matter.name} (${matter.code}, id ${matter.matterId}, version ${matter.version}, ${matter.active ? (zh ? "受理中" : "active") : zh ? "已停用" : "inactive"})`,
          zh
            ? `关键路径 ${matter.criticalPathDays} 个工作日（串行 ${matter.sequentialDays}）`
            : `critical path ${matter.criticalPathDays} working days (sequential ${matter.sequentialDays})`,
          table(
            [
              zh ? "环节" : "step",
              zh ? "部门" : "department",
              zh ? "依赖" : "after",
              zh ? "时限" : "days",
              zh ? "规则" : "rule",
              zh ? "出证" : "issues",
            ],
            definition.steps.map((s, i) => [
              i,
              departments.get(s.departmentId),
              (s.dependsOn ?? []).join(","),
              s.timeLimit,
              s.rule ?? "",
              s.issues ? types.get(s.issues) : "",
            ]),
          ),
          table(
            ["#", zh ? "材料" : "material", zh ? "类型" : "kind"],
            definition.materials.map((m, i) => [
              i,
              m.name,
              m.kind === "licence" ? `licence ${types.get(m.licenceTypeId)}` : "upload",
            ]),
          ),
        ].join("\n"),
      );
      return;
    }
    if (action === "register") {
      const parsed = districtFiles["matters.json"].safeParse(readJsonFile(target));
      if (!parsed.success) {
        const issues = parsed.error.issues.slice(0, 5).map((i) => `${jsonPath(i.path)}: ${i.message}`);
        throw new InputError(
          target,
          `is not a matters.json: ${issues.join("; ")}.`,
          `不是有效的 matters.json：${issues.join("；")}。`,
        );
      }
      const data = parsed.data as DistrictData;
      const client = await context.signer();
      const options = { officersOf: () => undefined, encryptionKeyOf: () => undefined };
      const plan = await planDistrict(client, data, options);
      out.info(describePlan(plan, out.lang));
      if (plan.refused.length > 0) return ExitCode.Checked;
      const result = await applyDistrictPlan(client, plan, {
        onProgress: (e) => e.action !== "skipped" && out.info(`  ${e.kind} ${e.code}: ${e.action} (${e.hash})`),
      });
      out.result(result, () =>
        Object.entries(result.matters)
          .map(([code, id]) => (zh ? `事项 ${code}：编号 ${id}` : `matter ${code}: id ${id}`))
          .join("\n"),
      );
      return;
    }
    if (action === "deactivate" || action === "activate") {
      const client = await context.signer();
      const matter = await matterOf(client, target);
      const result = await setMatterActive(client, { matterId: matter.matterId, active: action === "activate" });
      out.result({ matterId: matter.matterId, ...result }, () =>
        action === "activate"
          ? zh
            ? `已启用事项 ${matter.name}（交易 ${result.hash}）`
            : `Activated ${matter.name} (transaction ${result.hash})`
          : zh
            ? `已停用事项 ${matter.name}：不再受理新申请，办理中的申请不受影响（交易 ${result.hash}）`
            : `Deactivated ${matter.name}: no new applications; those under way go on (transaction ${result.hash})`,
      );
      return;
    }
    throw new UsageError(
      "Say what to do: matter show | register | deactivate | activate.",
      "请指定操作：matter show | register | deactivate | activate。",
    );
  },
};
