/** /wallet and its sub-pages: the holder's licences, consents and who read their data, under one sub-navigation. */
import Link from "next/link";
import type { ReactNode } from "react";

import { getLang } from "@/lib/server/lang.ts";

export default async function WalletLayout({ children }: { children: ReactNode }) {
  const { m } = await getLang();
  const t = m.holder.sub;
  return (
    <>
      <nav
        aria-label={t.label}
        data-testid="wallet-subnav"
        style={{ display: "flex", flexWrap: "wrap", gap: "0.4rem 1rem", margin: "0 0 0.8rem", fontSize: "0.95rem" }}
      >
        <Link href="/wallet">{t.licences}</Link>
        <Link href="/wallet/consents">{t.consents}</Link>
        <Link href="/wallet/activity">{t.activity}</Link>
      </nav>
      {children}
    </>
  );
}
