import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";

import { Banners } from "@/components/Banners.tsx";
import { Header } from "@/components/Header.tsx";
import { getLang } from "@/lib/server/lang.ts";
import { exchangeUrl, getPlatform, rpcUrl } from "@/lib/server/platform.ts";
import { Providers } from "./providers.tsx";
import "./globals.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { m } = await getLang();
  return { title: m.appName, description: m.appTagline };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { lang } = await getLang();
  const deployment = await getPlatform()
    .then((p) => p.deployment)
    .catch(() => undefined);
  return (
    <html lang={lang === "zh" ? "zh-CN" : "en"}>
      <body>
        <Providers platform={{ deployment, rpcUrl: rpcUrl(), exchangeDomain: new URL(exchangeUrl()).host, lang }}>
          <Header />
          <Banners />
          <main id="main">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
