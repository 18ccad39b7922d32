"use client";
/** Turns what a flow threw into words for the visitor: the exchange's own zh/en message, else `humanError`. */
import { useCallback } from "react";

import { humanError } from "@/lib/errors.ts";
import { ExchangeError } from "@/lib/exchange.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";

export function useErrorText(): (error: unknown) => string {
  const { m, lang } = useMessages();
  const { rpcUrl } = usePlatform();
  return useCallback(
    (error: unknown) => (error instanceof ExchangeError ? error.text(lang) : humanError(error, lang, m, rpcUrl)),
    [lang, m, rpcUrl],
  );
}
