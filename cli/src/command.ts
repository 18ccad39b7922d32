import type { ParseArgsOptionsConfig } from "node:util";

import type { CommandContext } from "./context.ts";
import type { ExitCode } from "./exit-codes.ts";

/** Parsed option values of a command. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** One `onewindow` subcommand. */
export type Command = {
  name: string;
  /** One line for the help, in both languages. */
  summary: { zh: string; en: string };
  /** Usage lines after `onewindow <name>`. */
  usage: string;
  options: ParseArgsOptionsConfig;
  run: (context: CommandContext, values: OptionValues, positionals: string[]) => Promise<ExitCode | void>;
};

/** A string option's value, or undefined. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}
