/**
 * `onewindow`: the OneWindow command line. Every subcommand talks to the chain through the SDK.
 *
 *   onewindow <command> [options]      onewindow help <command>
 *
 * Global options: --rpc <url> (ONEWINDOW_RPC_URL, default http://127.0.0.1:8545),
 * --deployment <file> (ONEWINDOW_DEPLOYMENT, default deployments/<chainId>.json),
 * --key <hex> (ONEWINDOW_KEY) or --keystore <file> (ONEWINDOW_KEYSTORE) with --password-file
 * (ONEWINDOW_KEYSTORE_PASSWORD), --json, --lang zh|en, --debug.
 * Exit codes: see exit-codes.ts.
 */
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

import { OneWindowError } from "@onewindow/sdk";

import type { Command } from "./command.ts";
import { accountCommand } from "./commands/account.ts";
import { applicationCommand } from "./commands/application.ts";
import { applyCommand } from "./commands/apply.ts";
import { auditCommand } from "./commands/audit.ts";
import { decideCommand } from "./commands/decide.ts";
import { decisionCommand } from "./commands/decision.ts";
import { departmentsCommand } from "./commands/departments.ts";
import { districtCommand } from "./commands/district.ts";
import { issueCommand } from "./commands/issue.ts";
import { licenceCommand } from "./commands/licence.ts";
import { licenceTypesCommand } from "./commands/licence-types.ts";
import { matterCommand } from "./commands/matter.ts";
import { ruleCommand } from "./commands/rule.ts";
import { statusCommand } from "./commands/status.ts";
import { verifyCommand } from "./commands/verify.ts";
import { createContext, type GlobalOptions } from "./context.ts";
import { ExitCode, exitCodeOf, UsageError } from "./exit-codes.ts";
import { createOutput, toJson } from "./output.ts";

const COMMANDS: readonly Command[] = [
  departmentsCommand,
  districtCommand,
  licenceTypesCommand,
  matterCommand,
  ruleCommand,
  issueCommand,
  licenceCommand,
  verifyCommand,
  applyCommand,
  applicationCommand,
  decideCommand,
  decisionCommand,
  statusCommand,
  auditCommand,
  accountCommand,
];

const GLOBAL_OPTIONS: ParseArgsOptionsConfig = {
  rpc: { type: "string" },
  deployment: { type: "string" },
  key: { type: "string" },
  keystore: { type: "string" },
  "password-file": { type: "string" },
  json: { type: "boolean", default: false },
  lang: { type: "string" },
  debug: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
};

function languageOf(value: string | undefined, env: NodeJS.ProcessEnv): "zh" | "en" {
  const chosen = value ?? env.ONEWINDOW_LANG ?? (env.LANG?.startsWith("zh") ? "zh" : "en");
  return chosen === "zh" ? "zh" : "en";
}

function help(lang: "zh" | "en", command?: Command): string {
  if (command) {
    return [
      `onewindow ${command.name} — ${command.summary[lang]}`,
      "",
      ...command.usage.split("\n").map((line) => `  onewindow ${command.name} ${line}`),
      "",
      lang === "zh"
        ? "通用选项：--rpc <url> --deployment <文件> --key <私钥> | --keystore <文件> [--password-file <文件>] --json --lang zh|en"
        : "Global options: --rpc <url> --deployment <file> --key <hex> | --keystore <file> [--password-file <file>] --json --lang zh|en",
    ].join("\n");
  }
  return [
    lang === "zh" ? "用法：onewindow <命令> [选项]" : "usage: onewindow <command> [options]",
    "",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(14)} ${c.summary[lang]}`),
    "",
    lang === "zh" ? "查看命令帮助：onewindow help <命令>" : "Help on a command: onewindow help <command>",
  ].join("\n");
}

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[], env = process.env): Promise<number> {
  const [name, ...rest] = argv;
  const langFlag = argv.findIndex((a) => a === "--lang");
  const earlyLang = languageOf(langFlag >= 0 ? argv[langFlag + 1] : undefined, env);
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    const command = COMMANDS.find((c) => c.name === rest[0]);
    process.stdout.write(help(earlyLang, command) + "\n");
    return ExitCode.Ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  let json = argv.includes("--json");
  let debug = argv.includes("--debug");
  let lang = earlyLang;
  try {
    if (!command) throw new UsageError(`Unknown command "${name}".`, `未知命令“${name}”。`);
    let parsed;
    try {
      parsed = parseArgs({
        args: rest as string[],
        options: { ...GLOBAL_OPTIONS, ...command.options },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new UsageError(
        `${(error as Error).message} — see: onewindow help ${command.name}`,
        `参数有误：${(error as Error).message}。请查看：onewindow help ${command.name}`,
      );
    }
    const { values, positionals } = parsed;
    json = values.json === true;
    debug = values.debug === true;
    lang = languageOf(values.lang as string | undefined, env);
    if (values.help) {
      process.stdout.write(help(lang, command) + "\n");
      return ExitCode.Ok;
    }
    const out = createOutput(json, lang);
    const context = createContext(values as GlobalOptions, out, env);
    return (await command.run(context, values, positionals)) ?? ExitCode.Ok;
  } catch (error) {
    const code = exitCodeOf(error);
    if (json) {
      const body =
        error instanceof OneWindowError
          ? { code: error.code, message: error.messages, details: error.shortMessage }
          : { code: "INTERNAL", message: { zh: "内部错误", en: "Internal error" }, details: String(error) };
      process.stderr.write(toJson({ error: { ...body, exitCode: code } }) + "\n");
    } else if (error instanceof OneWindowError) {
      process.stderr.write(`${lang === "zh" ? "错误" : "error"}: ${error.messages[lang]}\n`);
      if (debug) process.stderr.write(`${error.stack ?? error.message}\n`);
    } else {
      process.stderr.write(
        lang === "zh"
          ? `内部错误：${String(error)}\n这是程序缺陷，请附上 --debug 的输出报告。\n`
          : `internal error: ${String(error)}\nThis is a bug: please report it with the --debug output.\n`,
      );
      if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    }
    return code;
  }
}
