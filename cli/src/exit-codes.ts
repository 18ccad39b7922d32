import {
  ContractRevertError,
  InsufficientFundsError,
  InvalidParameterError,
  NodeUnreachableError,
  OneWindowError,
} from "@onewindow/sdk";

/**
 * Exit codes of the `onewindow` CLI. Scripts can rely on them:
 *
 * | code | meaning |
 * |---|---|
 * | 0 | done; for `verify`, the licence is valid |
 * | 1 | `verify`: the licence is not valid (integrity, status or issuer failed) |
 * | 2 | usage: unknown command or option, missing argument |
 * | 3 | input: a file cannot be read or is not in the expected format |
 * | 4 | refused: the contract reverted (not allowed, wrong state…) |
 * | 5 | the chain node cannot be reached |
 * | 6 | key: no key given, or the keystore cannot be decrypted |
 * | 7 | checked: the SDK found the input wrong before sending anything (nothing was sent); `district plan`/`apply`: the plan refuses a change |
 * | 8 | funds: the account cannot pay for the transaction (balance below gas × gas price + value) |
 * | 10 | an unexpected internal error (a bug: please report it with the `--debug` output) |
 */
export const ExitCode = {
  Ok: 0,
  Invalid: 1,
  Usage: 2,
  Input: 3,
  Refused: 4,
  Unreachable: 5,
  Key: 6,
  Checked: 7,
  Funds: 8,
  Internal: 10,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake in how the CLI was called. */
export class UsageError extends OneWindowError {
  override name = "UsageError";
  constructor(en: string, zh: string) {
    super(en, { code: "CLI_USAGE", messages: { zh, en } });
  }
}

/** A file given to the CLI cannot be read or parsed. */
export class InputError extends OneWindowError {
  override name = "InputError";
  constructor(file: string, problem: string, zhProblem: string, cause?: unknown) {
    super(`${file}: ${problem}`, {
      code: "CLI_INPUT",
      messages: { zh: `文件 ${file} ${zhProblem}`, en: `The file ${file} ${problem}` },
      cause,
    });
  }
}

/** No usable key. */
export class KeyError extends OneWindowError {
  override name = "KeyError";
  constructor(en: string, zh: string, cause?: unknown) {
    super(en, { code: "CLI_KEY", messages: { zh, en }, cause });
  }
}

/** The exit code for an error thrown by a command. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UsageError) return ExitCode.Usage;
  if (error instanceof KeyError) return ExitCode.Key;
  if (error instanceof InsufficientFundsError) return ExitCode.Funds;
  if (error instanceof NodeUnreachableError) return ExitCode.Unreachable;
  if (error instanceof ContractRevertError) return ExitCode.Refused;
  if (error instanceof InputError) return ExitCode.Input;
  // A check the SDK made before sending: no contract was asked, nothing was sent.
  if (error instanceof InvalidParameterError) return ExitCode.Checked;
  if (error instanceof OneWindowError) {
    if (error.code.startsWith("LICENCE_") || error.code === "DEPLOYMENT_INVALID") return ExitCode.Input;
    if (error.code === "CREDENTIAL_FORMAT_INVALID") return ExitCode.Input;
    if (error.code === "NO_ACCOUNT") return ExitCode.Key;
    if (error.code.startsWith("TRANSACTION_")) return ExitCode.Unreachable;
    return ExitCode.Refused;
  }
  return ExitCode.Internal;
}
