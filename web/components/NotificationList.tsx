"use client";
/** A list of notifications: what happened, what to do, and the link to do it; unread ones marked. */
import { applicationNumberOf, LinkMode } from "@onewindow/sdk";
import Link from "next/link";

import type { NotificationView } from "@/lib/api.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { format, type Lang, type Messages } from "@/messages/index.ts";
import { localName } from "@/lib/i18n.ts";

function text(n: NotificationView, m: Messages, lang: Lang): string {
  const matter = n.matter ? localName(n.matter, lang) : `#${n.matterId}`;
  const department = n.department ? localName(n.department, lang) : "";
  const linked = n.linkedMatter ? localName(n.linkedMatter, lang) : `#${n.linkedMatterId ?? ""}`;
  const reason = m.reasons[String(n.reason ?? 0)] ?? String(n.reason);
  const step = (n.step ?? 0) + 1;
  switch (n.kind) {
    case "returned":
      return format(n.resolved ? m.notify.returnedResolved : n.ended ? m.notify.returnedEnded : m.notify.returned, {
        matter,
        step,
        department,
        reason,
      });
    case "rejected":
      return format(m.notify.rejected, { matter, step, department, reason });
    case "decided":
      return format(n.byRule ? m.notify.decidedByRule : m.notify.decided, { matter, step, department });
    case "completed":
      return format(n.outputLicenceId ? m.notify.completed : m.notify.completedNoLicence, { matter });
    case "linked":
      return format(n.mode === LinkMode.Suggest ? m.notify.linkedSuggest : m.notify.linkedStartOnConsent, {
        matter,
        linked,
        department,
      });
  }
}

/** Links to act on a notification; none to the page shown (`here`). */
function Actions({ n, m, lang, here }: { n: NotificationView; m: Messages; lang: Lang; here: string | undefined }) {
  const application = `/applications/${n.applicationId}`;
  const linked = n.linkedMatter ? localName(n.linkedMatter, lang) : "";
  const links: { href: string; label: string; testId: string }[] = [];
  if (n.kind === "returned" && !n.resolved && !n.ended)
    links.push({ href: application, label: m.notify.fix, testId: "notify-fix" });
  if (n.kind === "completed" && n.outputLicenceId)
    links.push({ href: `${application}#output`, label: m.notify.download, testId: "notify-download" });
  if (n.kind === "linked" && n.linkedMatter) {
    if (n.linkedApplicationId)
      links.push({
        href: `/applications/${n.linkedApplicationId}`,
        label: m.notify.openStarted,
        testId: "notify-started",
      });
    else if (n.mode === LinkMode.Suggest)
      links.push({
        href: `/matters/${encodeURIComponent(n.linkedMatter.code)}/apply`,
        label: format(m.notify.applyLinked, { linked }),
        testId: "notify-apply-linked",
      });
    else
      links.push({
        href: `/matters/${encodeURIComponent(n.linkedMatter.code)}`,
        label: format(m.notify.aboutLinked, { linked }),
        testId: "notify-about-linked",
      });
  }
  links.push({ href: application, label: m.notify.openApplication, testId: "notify-open" });
  const shown = links.filter((l) => here === undefined || l.href.split("#")[0] !== here);
  if (shown.length === 0) return null;
  return (
    <span className="row">
      {shown.map((l) => (
        <Link key={l.testId} href={l.href} data-testid={l.testId}>
          {l.label}
        </Link>
      ))}
    </span>
  );
}

export function NotificationList({
  items,
  read,
  onRead,
  here,
}: {
  items: NotificationView[];
  read?: ReadonlySet<string> | undefined;
  onRead?: ((ids: string[]) => void) | undefined;
  /** The page shown (e.g. /applications/0x…): no links to it. */
  here?: string | undefined;
}) {
  const { m, lang } = useMessages();
  if (items.length === 0)
    return (
      <p className="muted" data-testid="notify-none">
        {m.notify.none}
      </p>
    );
  const when = (at: number) =>
    new Date(at * 1000).toLocaleString(lang === "en" ? "en-GB" : "zh-CN", { timeZone: "Asia/Shanghai" });
  return (
    <ul className="notifications" style={{ listStyle: "none", padding: 0, display: "grid", gap: "0.6rem" }}>
      {items.map((n) => {
        const unread = read !== undefined && !read.has(n.id);
        return (
          <li
            key={n.id}
            className={`card notification ${n.kind}`}
            style={unread ? { borderLeft: "4px solid var(--warn)" } : undefined}
            data-testid="notification"
            data-kind={n.kind}
            data-application={n.applicationId}
            data-unread={unread}
          >
            <p style={{ margin: "0 0 0.4rem" }}>
              {unread ? <span className="tag upload">{m.notify.unread}</span> : null}{" "}
              <span data-testid="notification-text">{text(n, m, lang)}</span>
            </p>
            <p className="row muted" style={{ margin: 0 }}>
              <span data-testid="notification-number">
                {format(m.tracker.numberIs, { number: applicationNumberOf(n.applicationId) })}
              </span>
              {n.at > 0 ? <time dateTime={new Date(n.at * 1000).toISOString()}>{when(n.at)}</time> : null}
              <Actions n={n} m={m} lang={lang} here={here} />
              {unread && onRead ? (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => onRead([n.id])}
                  data-testid="notify-mark-read"
                >
                  {m.notify.markRead}
                </button>
              ) : null}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
