"use client";
/** The connected applicant's notifications, with local read marks. */
import { useAccount } from "wagmi";

import { useMessages } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";
import { NotificationList } from "@/components/NotificationList.tsx";
import { NotificationsError, useNotifications } from "@/hooks/useNotifications.ts";
import { useReadMarks } from "@/hooks/useReadMarks.ts";

export function Notifications() {
  const { m, lang } = useMessages();
  const { address, isConnected } = useAccount();
  const query = useNotifications(isConnected ? address : undefined);
  const { read, markRead } = useReadMarks(isConnected ? address : undefined);
  if (!isConnected || !address)
    return (
      <p className="muted" data-testid="notify-connect-first">
        {m.notify.connectFirst}
      </p>
    );
  if (query.error)
    return (
      <p role="alert" className="banner error" data-testid="notify-error">
        {format(m.notify.loadFailed, {
          message: query.error instanceof NotificationsError ? query.error.messages[lang] : query.error.message,
        })}
      </p>
    );
  if (!query.data) return <p role="status">{m.common.loading}</p>;
  const items = query.data.notifications;
  const unread = items.filter((n) => !read.has(n.id));
  return (
    <>
      <p className="row">
        <span className="muted" data-testid="notify-source">
          {format(m.notify.source, {
            source: query.data.source === "indexer" ? m.audit.sourceIndexer : m.audit.sourceChain,
          })}
        </span>
        {unread.length > 0 ? (
          <button
            type="button"
            className="secondary"
            onClick={() => markRead(unread.map((n) => n.id))}
            data-testid="notify-mark-all"
          >
            {m.notify.markAllRead}
          </button>
        ) : null}
        <span className="muted">{m.notify.readLocal}</span>
      </p>
      <NotificationList items={items} read={read} onRead={markRead} />
    </>
  );
}
