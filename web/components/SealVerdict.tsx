"use client";

import type { SealPart } from "@onewindow/sdk";

import { useMessages } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";

/**
 * The seal part of a licence verdict (docs/seal.md): the national electronic seal's state, the key
 * it was made with when valid, and the reasons in the page's language when not.
 */
export function SealVerdict({ seal }: { seal: SealPart }) {
  const { m, lang } = useMessages();
  const mark = seal.state === "valid" ? "✓" : seal.state === "absent" ? "–" : "✗";
  const reasons =
    seal.state === "absent" ? [m.seal.noSealHint] : seal.reasons.map((r) => (lang === "zh" ? r.zh : r.en));
  return (
    <li data-testid="verdict-seal" data-seal-state={seal.state}>
      {mark} {m.seal.label}: {m.seal.states[seal.state]}
      {seal.state === "valid" && seal.keyIndex !== undefined ? (
        <span className="muted"> · {format(m.seal.keyInForce, { index: seal.keyIndex })}</span>
      ) : null}
      {reasons.length > 0 ? (
        <ul className="muted" style={{ margin: "0.2rem 0 0 1rem", fontSize: "0.9em" }}>
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
