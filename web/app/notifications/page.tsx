import { getLang } from "@/lib/server/lang.ts";
import { Notifications } from "./_components/Notifications.tsx";

export default async function NotificationsPage() {
  const { m } = await getLang();
  return (
    <>
      <h1>{m.notify.title}</h1>
      <p className="muted">{m.notify.intro}</p>
      <Notifications />
    </>
  );
}
