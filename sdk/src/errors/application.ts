import type { Hex } from "viem";

import type { ApplicationStatus } from "../chain/enums.ts";
import { OneWindowError } from "./base.ts";

/** No application has this id on chain. */
export class UnknownApplicationError extends OneWindowError {
  override name = "UnknownApplicationError";
  readonly applicationId: Hex;
  constructor(applicationId: Hex) {
    super(`No application ${applicationId}.`, {
      code: "APPLICATION_UNKNOWN",
      messages: {
        zh: `找不到申请 ${applicationId}，请检查申请编号。`,
        en: `There is no application ${applicationId}: check the application id.`,
      },
    });
    this.applicationId = applicationId;
  }
}

const STATUS_NAMES: Record<number, { zh: string; en: string }> = {
  0: { zh: "不存在", en: "none" },
  1: { zh: "审批中", en: "active" },
  2: { zh: "退回补正", en: "returned for correction" },
  3: { zh: "已办结", en: "completed" },
  4: { zh: "不予批准", en: "rejected" },
  5: { zh: "已撤回", en: "withdrawn" },
};

/** An application's status in words (zh, en). */
export function statusName(status: number): { zh: string; en: string } {
  return STATUS_NAMES[status] ?? { zh: `状态 ${status}`, en: `status ${status}` };
}

/** {@link waitForApplication} gave up: the application did not reach the wanted status. */
export class ApplicationWaitError extends OneWindowError {
  override name = "ApplicationWaitError";
  readonly applicationId: Hex;
  /** The status it had when the wait ended. */
  readonly status: ApplicationStatus;
  constructor(applicationId: Hex, status: ApplicationStatus, wanted: readonly ApplicationStatus[], timedOut: boolean) {
    const now = statusName(status);
    const want = wanted.map(statusName);
    super(
      timedOut
        ? `Application ${applicationId} is still ${now.en}, not ${want.map((w) => w.en).join(" or ")}, after the timeout.`
        : `Application ${applicationId} ended ${now.en}: it will never be ${want.map((w) => w.en).join(" or ")}.`,
      {
        code: timedOut ? "APPLICATION_WAIT_TIMEOUT" : "APPLICATION_WAIT_FINAL",
        messages: {
          zh: timedOut
            ? `等待超时：申请仍为“${now.zh}”，未变为“${want.map((w) => w.zh).join("或")}”。`
            : `申请已“${now.zh}”，不会再变为“${want.map((w) => w.zh).join("或")}”。`,
          en: timedOut
            ? `Timed out: the application is still ${now.en}, not ${want.map((w) => w.en).join(" or ")}.`
            : `The application is ${now.en}: it will never be ${want.map((w) => w.en).join(" or ")}.`,
        },
      },
    );
    this.applicationId = applicationId;
    this.status = status;
  }
}
