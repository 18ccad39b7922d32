"use client";
/** What the browser knows of the platform: the deployment (from the server, read at run time), the RPC and the language. */
import type { Deployment } from "@onewindow/sdk";
import { createContext, useContext } from "react";

import { messagesFor, type Lang, type Messages } from "@/messages/index.ts";

export type PlatformInfo = {
  deployment: Deployment | undefined;
  rpcUrl: string;
  /** The exchange's SIWE domain (host:port); the browser reaches it through /api/exchange. */
  exchangeDomain: string;
  lang: Lang;
};

export const PlatformContext = createContext<PlatformInfo>({
  deployment: undefined,
  rpcUrl: "",
  exchangeDomain: "",
  lang: "zh",
});

export function usePlatform(): PlatformInfo {
  return useContext(PlatformContext);
}

export function useMessages(): { m: Messages; lang: Lang } {
  const { lang } = useContext(PlatformContext);
  return { m: messagesFor(lang), lang };
}
