import { isHex } from "viem";

import { getChainEvents, type OneWindowEvent } from "@onewindow/sdk";

import { stringOption, type Command } from "../command.ts";
import { UsageError } from "../exit-codes.ts";
import { table, toJson } from "../output.ts";

/** Whether any argument of an event (or an element of an array argument) equals `id`. */
function mentions(event: OneWindowEvent, id: string): boolean {
  const wanted = id.toLowerCase();
  const values = Object.values(event.args as Record<string, unknown>);
  return values.some((value) =>
    Array.isArray(value)
      ? value.some((v) => String(v).toLowerCase() === wanted)
      : String(value).toLowerCase() === wanted,
  );
}

function blockOption(value: string | undefined, name: string): bigint | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a block number.`, `--${name} 必须是区块号。`);
  return BigInt(value);
}

export const auditCommand: Command = {
  name: "audit",
  summary: {
    zh: "审计：列出链上事件（可按证照、申请或地址筛选）",
    en: "Audit: list on-chain events (filter by licence, application or address)",
  },
  usage: "[--licence <id>] [--application <id>] [--account <address>] [--from-block <n>] [--to-block <n>]",
  options: {
    licence: { type: "string" },
    application: { type: "string" },
    account: { type: "string" },
    "from-block": { type: "string" },
    "to-block": { type: "string" },
  },
  async run(context, values) {
    const filters = ["licence", "application", "account"]
      .map((name) => stringOption(values, name))
      .filter((v): v is string => v !== undefined);
    for (const id of filters) {
      if (!isHex(id)) throw new UsageError(`"${id}" is not a hex id or address.`, `“${id}”不是十六进制编号或地址。`);
    }
    const client = await context.reader();
    const fromBlock =
      blockOption(stringOption(values, "from-block"), "from-block") ?? BigInt(client.deployment.startBlock);
    const toBlock = blockOption(stringOption(values, "to-block"), "to-block") ?? (await client.public.getBlockNumber());
    const events = await getChainEvents(client, { fromBlock, toBlock, maxBlockRange: 5000 });
    const matching = events.filter((event) => filters.every((id) => mentions(event, id)));
    const rows = matching.map((e) => ({
      block: e.blockNumber,
      transaction: e.transactionHash,
      logIndex: e.logIndex,
      event: e.eventName,
      args: e.args,
    }));
    context.out.result(rows, () =>
      rows.length === 0
        ? context.out.lang === "zh"
          ? "没有匹配的事件。"
          : "No matching events."
        : table(
            ["block", "event", "transaction", "args"],
            rows.map((r) => [
              r.block,
              r.event,
              `${r.transaction.slice(0, 10)}…`,
              toJson(r.args).replace(/\s+/g, " ").slice(0, 120),
            ]),
          ),
    );
  },
};
