/** A verification badge: a ✓ or ✗ and its words (never colour alone). */
import type { ReactNode } from "react";

const BAD = { color: "#b42318", borderColor: "#b42318" } as const;

export function Badge({
  ok,
  testId,
  data,
  children,
}: {
  ok: boolean;
  testId: string;
  /** Machine-readable value for tests and tools (e.g. the status name). */
  data?: string;
  children: ReactNode;
}) {
  return (
    <span
      className={ok ? "tag chain" : "tag"}
      style={ok ? undefined : BAD}
      data-testid={testId}
      data-ok={ok}
      data-value={data}
    >
      {ok ? "✓" : "✗"} {children}
    </span>
  );
}
