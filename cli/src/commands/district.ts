import { publishCatalogueMetadata } from "@onewindow/exchange/client";
import {
  applyDistrictPlan,
  catalogueMetadataOf,
  CHANGE_KIND as KIND,
  describePlan,
  planDistrict,
  signCatalogueMetadata,
  PROGRESS_ACTION as PROGRESS,
  utcText as when,
  type DistrictPlan,
  type OneWindowClient,
} from "@onewindow/sdk";

import { stringOption, type Command } from "../command.ts";
import type { CommandContext } from "../context.ts";
import { ExitCode, UsageError } from "../exit-codes.ts";
import { readDistrictFolder, type DistrictFolder } from "../district/folder.ts";
import { signIn, withExchange } from "./licence.ts";

/**
 * Publishes the folder's catalogue metadata (English names, figures' sources, step notes, licence
 * types' and condition flags' names) on the exchange at `url`, signed by the applying account (a
 * catalogue editor on chain); the hash, and whether it was new.
 */
async function publishMetadata(context: CommandContext, url: string, district: DistrictFolder) {
  const client = await context.signer();
  const document = catalogueMetadataOf(district.data);
  const signed = await signCatalogueMetadata(
    { signMessage: (args) => client.wallet!.account.signMessage!(args) },
    document,
  );
  return withExchange(url, async () => {
    const { exchange, token } = await signIn(context, url);
    return publishCatalogueMetadata(exchange, token, signed);
  });
}

/** The plan as JSON (the data and options left out: they are the folder's). */
function planJson(plan: DistrictPlan) {
  return {
    changes: plan.changes,
    pending: plan.pending,
    refused: plan.refused,
    unchanged: plan.unchanged,
    at: plan.at,
  };
}

export const districtCommand: Command = {
  name: "district",
  summary: {
    zh: "辖区即代码：比较文件夹中的辖区数据与链上状态（plan），并应用变更（apply）",
    en: "District as code: compare a district folder with the chain (plan) and apply the changes (apply)",
  },
  usage: [
    "plan <folder> [--deactivate-absent]     what apply would change (nothing is sent)",
    "apply <folder> [--deactivate-absent] [--exchange <url>]",
    "                                        make those changes; with an exchange (--exchange or",
    "                                        ONEWINDOW_EXCHANGE_URL), then publish the catalogue's metadata there",
    "",
    "<folder>: departments.json, licence-types.json, matters.json, officers.json, calendars/*.json",
    "(format: cli/schemas/district.schema.json; see docs/new-matter.md)",
  ].join("\n"),
  options: {
    "deactivate-absent": { type: "boolean", default: false },
    exchange: { type: "string" },
  },
  async run(context, values, positionals) {
    const [action, folder] = positionals;
    const { out } = context;
    const zh = out.lang === "zh";
    if ((action !== "plan" && action !== "apply") || !folder) {
      throw new UsageError(
        "Say what to do and on which folder: district plan <folder> | district apply <folder>.",
        "请指定操作与文件夹：district plan <文件夹> | district apply <文件夹>。",
      );
    }
    const district = readDistrictFolder(folder);
    // Planning reads the applying account's AccessManager delays when a key is given.
    const hasKey =
      context.options.key !== undefined ||
      context.options.keystore !== undefined ||
      process.env.ONEWINDOW_KEY !== undefined ||
      process.env.ONEWINDOW_KEYSTORE !== undefined;
    const client: OneWindowClient = action === "apply" || hasKey ? await context.signer() : await context.reader();
    const plan = await planDistrict(client, district.data, {
      officersOf: (code) => district.officers.get(code),
      encryptionKeyOf: (code) => district.encryptionKeys.get(code),
      sealKeyOf: (code) => district.sealKeys.get(code),
      deactivateAbsent: values["deactivate-absent"] === true,
    });
    const exchangeUrl = stringOption(values, "exchange") ?? process.env.ONEWINDOW_EXCHANGE_URL;
    const publish = async () => {
      if (action !== "apply" || exchangeUrl === undefined) return;
      const published = await publishMetadata(context, exchangeUrl, district);
      out.info(
        zh
          ? `目录元数据已发布于 ${exchangeUrl}：${published.hash}`
          : `Catalogue metadata published on ${exchangeUrl}: ${published.hash}`,
      );
    };
    if (action === "plan" || plan.refused.length > 0 || plan.changes.length === 0) {
      if (plan.refused.length === 0) await publish();
      out.result(planJson(plan), () => describePlan(plan, out.lang));
      return plan.refused.length > 0 ? ExitCode.Checked : ExitCode.Ok;
    }
    out.info(describePlan(plan, out.lang));
    const result = await applyDistrictPlan(client, plan, {
      onProgress: (e) => {
        if (e.action === "skipped") return;
        const at =
          e.executableAt === undefined
            ? ""
            : zh
              ? `，${when(e.executableAt)} 起可执行`
              : `, executable from ${when(e.executableAt)}`;
        out.info(`  ${KIND[e.kind][out.lang]} ${e.code}: ${PROGRESS[e.action][out.lang]}${at} (${e.hash})`);
      },
    });
    await publish();
    out.result({ ...planJson(plan), result }, () =>
      zh
        ? `完成：新增 ${result.created} 项，更改 ${result.updated} 项，${plan.unchanged} 项不变。`
        : `Done: ${result.created} created, ${result.updated} changed, ${plan.unchanged} unchanged.`,
    );
  },
};
