"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useAccount, useConnect, useDisconnect } from "wagmi";

import { useNotifications } from "@/hooks/useNotifications.ts";
import { useReadMarks } from "@/hooks/useReadMarks.ts";
import { LANG_COOKIE, format } from "@/messages/index.ts";
import { useMessages } from "@/lib/platform-context.tsx";

function short(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

export function Header() {
  const { m } = useMessages();
  const router = useRouter();
  const { address, isConnected } = useAccount();
  const { connect, connectors, isPending, error } = useConnect();
  const { disconnect } = useDisconnect();
  const account = isConnected ? address : undefined;
  const notifications = useNotifications(account);
  const { read } = useReadMarks(account);
  const unread = notifications.data?.notifications.filter((n) => !read.has(n.id)).length ?? 0;
  const switchLanguage = () => {
    document.cookie = `${LANG_COOKIE}=${m.language.switchToCode}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.lang = m.language.switchToCode === "zh" ? "zh-CN" : "en";
    router.refresh();
  };
  const connector = connectors[0];
  return (
    <header className="top">
      <a className="skip" href="#main">
        {m.nav.skip}
      </a>
      <div className="brand">
        <Link href="/">{m.appName}</Link>
        <span className="tagline">{m.appTagline}</span>
      </div>
      <nav aria-label={m.appName}>
        <Link href="/">{m.nav.catalogue}</Link>
        <Link href="/workbench">{m.nav.workbench}</Link>
        <Link href="/audit">{m.nav.audit}</Link>
        <Link href="/designer">{m.nav.designer}</Link>
        <Link href="/wallet">{m.holder.nav.wallet}</Link>
        <Link href="/verify">{m.holder.nav.verify}</Link>
        <Link href="/admin">{m.admin.nav}</Link>
        <Link
          href="/notifications"
          data-testid="notify-link"
          aria-label={unread > 0 ? format(m.notify.badge, { n: unread }) : m.notify.title}
        >
          {m.notify.title}
          {unread > 0 ? (
            <span className="tag upload" style={{ marginLeft: "0.3rem" }} data-testid="notify-badge" aria-hidden="true">
              {unread}
            </span>
          ) : null}
        </Link>
      </nav>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={switchLanguage}
          data-testid="lang-switch"
          lang={m.language.switchToCode}
        >
          {m.language.switchTo}
        </button>
        {isConnected && address ? (
          <>
            <span className="account" data-testid="account" title={address}>
              {format(m.wallet.connected, { address: short(address) })}
            </span>
            <button type="button" className="secondary" onClick={() => disconnect()}>
              {m.wallet.disconnect}
            </button>
          </>
        ) : (
          <button
            type="button"
            data-testid="connect"
            disabled={isPending}
            onClick={() => (connector ? connect({ connector }) : undefined)}
          >
            {isPending ? m.wallet.connecting : m.wallet.connect}
          </button>
        )}
      </div>
      {error ? (
        <p role="alert" className="banner error">
          {(error.name as string) === "ProviderNotFoundError" ? m.wallet.noWallet : error.message.split("\n")[0]}
        </p>
      ) : null}
    </header>
  );
}
