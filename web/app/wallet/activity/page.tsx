import Link from "next/link";

import { getLang } from "@/lib/server/lang.ts";

import { Activity } from "./_components/Activity.tsx";

export default async function ActivityPage() {
  const { m } = await getLang();
  return (
    <>
      <h1>{m.tracker.activity.title}</h1>
      <p className="muted">{m.tracker.activity.intro}</p>
      <Activity />
      <p>
        <Link href="/wallet/consents" data-testid="to-consents">
          {m.tracker.activity.consents}
        </Link>
      </p>
    </>
  );
}
