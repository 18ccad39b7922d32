"use client";
import { useAccount, useSwitchChain } from "wagmi";

import { useNodeAnswers } from "@/hooks/useNodeAnswers.ts";
import { format } from "@/messages/index.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";

/** Wrong network and unreachable node, as human messages with what to do. */
export function Banners() {
  const { m } = useMessages();
  const { deployment, rpcUrl } = usePlatform();
  const { isConnected, chainId } = useAccount();
  const { switchChain, isPending } = useSwitchChain();
  const answers = useNodeAnswers();
  const expected = deployment?.chainId;
  return (
    <div className="banners">
      {answers === false || deployment === undefined ? (
        <p role="alert" className="banner error" data-testid="node-unreachable">
          {format(m.errors.nodeUnreachable, { url: rpcUrl })}
        </p>
      ) : null}
      {isConnected && expected !== undefined && chainId !== expected ? (
        <p role="alert" className="banner warn" data-testid="wrong-network">
          {format(m.errors.wrongNetwork, { actual: chainId ?? "?", expected })}{" "}
          <button type="button" disabled={isPending} onClick={() => switchChain({ chainId: expected })}>
            {m.wallet.switchNetwork}
          </button>
        </p>
      ) : null}
    </div>
  );
}
