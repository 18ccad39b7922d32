"use client";
/** The verifier's answer: the verdict first, what the licence is, its fields by label, and the clerk's evidence. */
import { useAccount } from "wagmi";

import { VerdictFields, VerdictHeadline, VerdictParts } from "@/components/LicenceVerdict.tsx";
import { ResultBanner } from "@/components/ResultBanner.tsx";
import type { Verified } from "@/hooks/useVerifyLicence.ts";
import { useRecordVerification } from "@/hooks/useRecordVerification.ts";
import { WINDOW_CHECK_PURPOSE } from "@/lib/licence-check.ts";
import { licenceTypeName } from "@/lib/i18n.ts";
import { useMessages } from "@/lib/platform-context.tsx";
import { dateText } from "@/lib/verdict.ts";
import { format } from "@/messages/index.ts";

export function VerifyResult({ result }: { result: Verified }) {
  const { m, lang } = useMessages();
  const t = m.holder.verify;
  const from = result.issuedAt ? dateText(result.issuedAt, lang) : "—";
  return (
    <section
      className="card"
      data-testid="verify-result"
      data-valid={result.verdict.valid}
      aria-labelledby="verify-result-title"
    >
      <VerdictHeadline checked={result} />
      <h2 id="verify-result-title" style={{ marginTop: "0.5rem" }}>
        {licenceTypeName(lang, result.typeName)}
      </h2>
      <dl style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "0.2rem 0.8rem", margin: "0.5rem 0" }}>
        <dt>{t.issuedBy}</dt>
        <dd data-testid="verify-department">{result.departmentName}</dd>
        <dt>{t.validity}</dt>
        <dd data-testid="verify-validity">
          {result.expiresAt === 0
            ? `${from} · ${t.noExpiry}`
            : format(t.validityRange, { from, to: dateText(result.expiresAt, lang) })}
        </dd>
        <dt>{t.licenceId}</dt>
        <dd className="mono" style={{ wordBreak: "break-all" }}>
          {result.licenceId}
        </dd>
      </dl>
      {result.presentation ? (
        <p className="muted" data-testid="verify-presentation">
          {format(t.presentationExpires, {
            time: new Date(result.presentation.expiresAt).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", {
              timeZone: "Asia/Shanghai",
            }),
          })}
        </p>
      ) : null}
      <h3>{m.holder.verdict.title}</h3>
      <VerdictParts checked={result} />
      <h3>{result.kind === "disclosure" ? t.disclosed : t.allFields}</h3>
      <VerdictFields checked={result} />
      <ClerkRecord result={result} />
    </section>
  );
}

/** A window clerk with an officer's wallet connected keeps the check on chain as evidence. */
function ClerkRecord({ result }: { result: Verified }) {
  const { m } = useMessages();
  const t = m.holder.verify;
  const { address } = useAccount();
  const { busy, outcome, record } = useRecordVerification({
    licenceId: result.licenceId,
    purpose: WINDOW_CHECK_PURPOSE,
    fieldMask: result.verdict.fieldMask,
    result: result.verdict.result,
  });
  return (
    <div data-testid="clerk">
      <h3>{t.clerkTitle}</h3>
      <p className="muted">{t.clerkNote}</p>
      {address ? (
        <button
          type="button"
          disabled={busy || outcome?.ok === true}
          onClick={() => void record()}
          data-testid="record-verification"
        >
          {busy ? t.recording : t.record}
        </button>
      ) : (
        <p className="muted" data-testid="clerk-connect">
          {t.clerkConnect}
        </p>
      )}
      <ResultBanner result={outcome} testId="record-result" />
    </div>
  );
}
