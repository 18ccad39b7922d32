import Link from "next/link";

import { getLang } from "@/lib/server/lang.ts";

import { MyConsents } from "./_components/MyConsents.tsx";

export default async function ConsentsPage() {
  const { m } = await getLang();
  return (
    <>
      <h1>{m.tracker.consents.title}</h1>
      <p className="muted">{m.tracker.consents.intro}</p>
      <MyConsents />
      <p>
        <Link href="/wallet/activity" data-testid="to-activity">
          {m.tracker.consents.activity}
        </Link>
      </p>
    </>
  );
}
