/** The result of an action the user started (a signature, a transaction), in words. */
export type ActionResult = { ok: boolean; text: string };

/** A status when the action worked, an alert when not; nothing before it ends. */
export function ResultBanner({ result, testId }: { result: ActionResult | undefined; testId: string }) {
  if (!result) return null;
  return (
    <p role={result.ok ? "status" : "alert"} className={`banner ${result.ok ? "ok" : "error"}`} data-testid={testId}>
      {result.text}
    </p>
  );
}
