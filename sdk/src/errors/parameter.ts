import { OneWindowError } from "./base.ts";

/** What {@link InvalidParameterError} is built from. */
export type InvalidParameterErrorParameters = {
  /** The action, e.g. `"registerLicenceType"`. */
  action: string;
  /** The parameter, e.g. `"fieldNames[2]"`. */
  parameter: string;
  /** What is wrong and what is expected (English); never a personal value. */
  reason: string;
  /** What is wrong (Chinese); defaults to a generic sentence naming the parameter. */
  zh?: string | undefined;
};

/**
 * A parameter given to an action is unusable: nothing was signed or sent. `parameter` names it and
 * `reason` says what is expected.
 *
 * @example
 * try {
 *   await registerLicenceType(registrar, { ...input, fieldNames: [] });
 * } catch (error) {
 *   if (error instanceof InvalidParameterError) show(error.parameter, error.messages.zh);
 * }
 */
export class InvalidParameterError extends OneWindowError {
  override name = "InvalidParameterError";
  /** The action the parameter was given to. */
  readonly action: string;
  /** The parameter. */
  readonly parameter: string;
  /** What is wrong. */
  readonly reason: string;

  constructor({ action, parameter, reason, zh }: InvalidParameterErrorParameters) {
    super(`${action}: invalid ${parameter}: ${reason}.`, {
      code: "INVALID_PARAMETER",
      messages: {
        zh: `参数 ${parameter} 无效：${zh ?? reason}。请更正后重试，未发送任何交易。`,
        en: `Invalid ${parameter}: ${reason}. Correct it and try again; nothing was sent.`,
      },
    });
    this.action = action;
    this.parameter = parameter;
    this.reason = reason;
  }
}
