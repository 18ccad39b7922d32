/**
 * Proactive pushes for an applicant, derived from what the chain recorded about their
 * applications: a step returned for correction, a rejection, a step approved, a completed
 * application (output licence ready), and linked matters offered on completion. Read like the
 * audit console reads history (lib/server/audit.ts): the indexer's GraphQL first, the chain's
 * events while the indexer does not answer; the browser asks /api/notifications, never the indexer.
 */
import { getApplicantHistory, Outcome } from "@onewindow/sdk";
import type { Address, Hex } from "viem";

import { events, fromIndexer, type Source } from "./audit.ts";
import { getCatalogue } from "./platform.ts";

export type NotificationKind = "returned" | "rejected" | "decided" | "completed" | "linked";

export type Notification = {
  /** Stable id (transaction hash and log index of the event it comes from). */
  id: string;
  kind: NotificationKind;
  /** The application it is about (for "linked": the completed application that offered the matter). */
  applicationId: Hex;
  matterId: number;
  /** Unix seconds (block time). */
  at: number;
  block: number;
  step?: number;
  /** Reason code of a return or rejection (m.reasons). */
  reason?: number;
  /** "decided": approved by a rule module instead of officers. */
  byRule?: boolean;
  /** "completed": the output licence (zero when the matter issues none). */
  outputLicenceId?: Hex;
  /** "linked": the matter offered and how (LinkMode: 0 suggest, 1 start on consent). */
  linkedMatterId?: number;
  mode?: number;
  /** "linked": the application started for it, once started. */
  linkedApplicationId?: Hex;
  /** "returned": the applicant resubmitted since (nothing left to do). */
  resolved?: boolean;
  /** "returned": the application ended since without a resubmission (withdrawn): nothing to resubmit. */
  ended?: boolean;
};

export type NotificationsResult = { source: Source; notifications: Notification[] };

const ZERO = /^0x0{64}$/;

type Meta = { blockNumber: bigint; timestamp: bigint; transactionHash: string; logIndex: number };

async function indexedNotifications(holder: Address): Promise<Notification[] | undefined> {
  const history = await fromIndexer((audit) => getApplicantHistory(audit, { applicant: holder }));
  if (!history) return undefined;
  const matterOf = new Map(history.applications.map((a) => [a.id, Number(a.matter)]));
  const outputOf = new Map(history.applications.map((a) => [a.id, a.outputLicence]));
  const list: (Notification & { logIndex: number })[] = [];
  const base = (e: Meta, application: string) => ({
    id: `${e.transactionHash}-${e.logIndex}`,
    applicationId: application as Hex,
    matterId: matterOf.get(application as Hex) ?? 0,
    at: Number(e.timestamp),
    block: Number(e.blockNumber),
    logIndex: e.logIndex,
  });
  const resubmissions = new Map<string, { block: number; logIndex: number }[]>();
  const endings = new Map<string, { block: number; logIndex: number }[]>();
  for (const e of history.events) {
    const position = { block: Number(e.blockNumber), logIndex: e.logIndex };
    if (e.kind === "Withdrawn" || e.kind === "Completed" || e.kind === "Rejected")
      endings.set(e.application, [...(endings.get(e.application) ?? []), position]);
    if (e.kind === "Returned" || e.kind === "Rejected") {
      list.push({
        ...base(e, e.application),
        kind: e.kind === "Returned" ? "returned" : "rejected",
        ...(e.step === null ? {} : { step: e.step }),
        reason: e.reason,
      });
    } else if (e.kind === "Resubmitted") {
      resubmissions.set(e.application, [...(resubmissions.get(e.application) ?? []), position]);
    } else if (e.kind === "Completed") {
      const output = outputOf.get(e.application as Hex);
      list.push({
        ...base(e, e.application),
        kind: "completed",
        ...(output && !ZERO.test(output) ? { outputLicenceId: output } : {}),
      });
    }
  }
  for (const d of history.approvals)
    list.push({
      ...base(d, d.application),
      kind: "decided",
      step: d.stepIndex,
      byRule: d.rule !== null,
    });
  for (const l of history.linkedOffers) {
    list.push({
      id: `${l.parentApplication}-${l.matter}`,
      kind: "linked",
      applicationId: l.parentApplication,
      matterId: matterOf.get(l.parentApplication) ?? 0,
      at: Number(l.offeredAt),
      block: 0,
      logIndex: 0,
      linkedMatterId: Number(l.matter),
      mode: l.mode,
      ...(l.application ? { linkedApplicationId: l.application } : {}),
    });
  }
  // The indexer links a started application to its offer; say so also when it did not yet.
  for (const a of history.applications) {
    if (!a.parentApplication) continue;
    const offer = list.find(
      (n) => n.kind === "linked" && n.applicationId === a.parentApplication && n.linkedMatterId === Number(a.matter),
    );
    if (offer && !offer.linkedApplicationId) offer.linkedApplicationId = a.id;
  }
  markResolved(list, resubmissions, endings);
  return sortNewestFirst(list);
}

type Position = { block: number; logIndex: number };

/**
 * A return is resolved once the applicant resubmitted after it; it is over (`ended`) once the
 * application ended after it otherwise (withdrawn): either way, no resubmission is asked for.
 */
function markResolved(
  list: (Notification & { logIndex: number })[],
  resubmitted: Map<string, Position[]>,
  ended: Map<string, Position[]>,
): void {
  for (const n of list) {
    if (n.kind !== "returned") continue;
    const after = (positions: Position[] | undefined) =>
      (positions ?? []).some((r) => r.block > n.block || (r.block === n.block && r.logIndex > n.logIndex));
    if (after(resubmitted.get(n.applicationId))) n.resolved = true;
    else if (after(ended.get(n.applicationId))) n.ended = true;
  }
}

function sortNewestFirst(list: (Notification & { logIndex: number })[]): Notification[] {
  return list
    .sort((a, b) => b.at - a.at || b.block - a.block || b.logIndex - a.logIndex)
    .map(({ logIndex: _logIndex, ...n }) => n);
}

async function fromChain(holder: string): Promise<Notification[]> {
  const { events: all, times } = await events();
  const mine = new Map<string, number>();
  const parents = new Map<string, { parent: string; matterId: number }>();
  for (const e of all)
    if (e.eventName === "ApplicationSubmitted" && e.args.applicant.toLowerCase() === holder) {
      mine.set(e.args.applicationId.toLowerCase(), e.args.matterId);
      if (!ZERO.test(e.args.parentApplicationId))
        parents.set(e.args.applicationId.toLowerCase(), {
          parent: e.args.parentApplicationId.toLowerCase(),
          matterId: e.args.matterId,
        });
    }
  const list: (Notification & { logIndex: number })[] = [];
  const resubmissions = new Map<string, { block: number; logIndex: number }[]>();
  const endings = new Map<string, { block: number; logIndex: number }[]>();
  for (const e of all) {
    const args = e.args as { applicationId?: Hex };
    const application = args.applicationId?.toLowerCase();
    if (!application) continue;
    const base = {
      id: `${e.transactionHash}-${e.logIndex}`,
      applicationId: application as Hex,
      matterId: mine.get(application) ?? 0,
      at: times.get(e.blockNumber) ?? 0,
      block: Number(e.blockNumber),
      logIndex: e.logIndex,
    };
    if (e.eventName === "LinkedMatterOffered") {
      if (e.args.holder.toLowerCase() !== holder) continue;
      const started = [...parents.entries()].find(
        ([, p]) => p.parent === application && p.matterId === e.args.linkedMatterId,
      );
      list.push({
        ...base,
        id: `${application}-${e.args.linkedMatterId}`,
        kind: "linked",
        linkedMatterId: e.args.linkedMatterId,
        mode: e.args.mode,
        ...(started ? { linkedApplicationId: started[0] as Hex } : {}),
      });
      continue;
    }
    if (!mine.has(application)) continue;
    switch (e.eventName) {
      case "ApplicationReturned":
        list.push({ ...base, kind: "returned", step: e.args.step, reason: e.args.reason });
        break;
      case "ApplicationRejected":
        list.push({ ...base, kind: "rejected", step: e.args.step, reason: e.args.reason });
        endings.set(application, [...(endings.get(application) ?? []), base]);
        break;
      case "ApplicationResubmitted":
        resubmissions.set(application, [...(resubmissions.get(application) ?? []), base]);
        break;
      case "ApplicationWithdrawn":
        endings.set(application, [...(endings.get(application) ?? []), base]);
        break;
      case "ApplicationCompleted":
        endings.set(application, [...(endings.get(application) ?? []), base]);
        list.push({
          ...base,
          kind: "completed",
          ...(ZERO.test(e.args.outputLicenceId) ? {} : { outputLicenceId: e.args.outputLicenceId }),
        });
        break;
      case "StepDecided":
        if (e.args.outcome === Outcome.Approve)
          list.push({ ...base, kind: "decided", step: e.args.step, byRule: false });
        break;
      case "StepApprovedByRule":
        list.push({ ...base, kind: "decided", step: e.args.step, byRule: true });
        break;
      default:
        break;
    }
  }
  markResolved(list, resubmissions, endings);
  return sortNewestFirst(list);
}

/**
 * The notifications of `holder`, newest first. `prefer: "chain"` skips the indexer (as the
 * application page does right after a write the indexer may not have seen yet).
 */
export async function getNotifications(holder: Address, prefer: Source = "indexer"): Promise<NotificationsResult> {
  const who = holder.toLowerCase();
  const indexed = prefer === "indexer" ? await indexedNotifications(holder) : undefined;
  if (indexed) return { source: "indexer", notifications: indexed };
  return { source: "chain", notifications: await fromChain(who) };
}

type Named = { code: string; name: string; nameEn: string };

/** A notification with the names the pages show (matters and departments, both languages). */
export type NotificationView = Notification & {
  matter: Named | undefined;
  /** The department of `step` (for "linked": the first department of the linked matter). */
  department: { name: string; nameEn: string } | undefined;
  linkedMatter: Named | undefined;
};

/** Adds the catalogue's names (matters, the step's department) to each notification. */
export async function withNames(notifications: Notification[]): Promise<NotificationView[]> {
  const catalogue = await getCatalogue();
  const matter = (id: number | undefined) => catalogue.matters.find((v) => v.matterId === id);
  const department = (id: number | undefined) => {
    const d = catalogue.departments.find((x) => x.departmentId === id);
    return d ? { name: d.name, nameEn: d.nameEn } : undefined;
  };
  const named = (v: ReturnType<typeof matter>): Named | undefined =>
    v ? { code: v.code, name: v.name, nameEn: v.nameEn } : undefined;
  return notifications.map((n) => {
    const own = matter(n.matterId);
    const linked = matter(n.linkedMatterId);
    const departmentId =
      n.kind === "linked"
        ? linked?.matter.definition.steps[0]?.departmentId
        : n.step === undefined
          ? undefined
          : own?.matter.definition.steps[n.step]?.departmentId;
    return { ...n, matter: named(own), department: department(departmentId), linkedMatter: named(linked) };
  });
}
