"use client";
/**
 * The fields the applicant consented to show this department, asked for at the exchange (SIWE
 * session of the officer's wallet, purpose = the application id), decrypted HERE with the
 * department's encryption key and checked offline (`checkDisclosure`) and on chain
 * (`verifyLicence`). The key is kept in this tab's memory only and never sent anywhere. The officer
 * may then record the check on chain (`recordVerification`: licence id, application id, the field
 * mask and the result bits; no field value) so that auditors see which department checked what.
 */
import {
  checkDisclosure,
  createOneWindowClient,
  eciesDecrypt,
  encryptionPublicKey,
  parseDisclosure,
  recordVerification,
  verifyLicence,
  type DisclosedField,
} from "@onewindow/sdk";
import { useState } from "react";
import type { Hex } from "viem";

import type { ReviewLicence, ReviewView } from "@/lib/server/review.ts";
import { humanError } from "@/lib/errors.ts";
import { useExchangeSession } from "@/hooks/useExchangeSession.ts";
import { useOneWindowWriter } from "@/hooks/useOneWindowWriter.ts";
import { disclose, ExchangeError } from "@/lib/exchange.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";
import { format } from "@/messages/index.ts";
import { Badge } from "./Badge.tsx";
import { ResultBanner, type ActionResult } from "@/components/ResultBanner.tsx";

/** Department encryption keys given in this tab (by department id): memory only, gone on reload. */
const keys = new Map<number, Hex>();

type Read =
  | {
      kind: "fields";
      fields: (DisclosedField & { proven: boolean })[];
      consentId: Hex;
      block: string;
      problems: string[];
      /** For `recordVerification`: the fields checked and the result bits. */
      fieldMask: bigint;
      result: number;
    }
  | { kind: "noConsent" }
  | { kind: "error"; text: string };

/** The first 32-byte hex string in `text` (a pasted key, or a key file's contents), as 0x-hex. */
export function parseKey(text: string): Hex | undefined {
  const match = /(?:0x)?([0-9a-fA-F]{64})(?![0-9a-fA-F])/.exec(text.trim());
  return match ? (`0x${match[1]!.toLowerCase()}` as Hex) : undefined;
}

export function DisclosedFields({
  view,
  departmentName,
  onProven,
}: {
  view: ReviewView;
  departmentName: string;
  /** Called with the proven fields' values (name → value) after a read. */
  onProven?: (fields: Record<string, string>) => void;
}) {
  const { m, lang } = useMessages();
  const { deployment, rpcUrl } = usePlatform();
  const session = useExchangeSession();
  const [keyText, setKeyText] = useState(() => keys.get(view.department.id) ?? "");
  const [keyError, setKeyError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [reads, setReads] = useState<Record<string, Read>>({});
  const consented = view.licences.filter((l) => l.consentFields && l.consentFields.length > 0);

  if (consented.length === 0)
    return (
      <>
        <h2>{m.review.disclosed}</h2>
        <p className="muted" data-testid="no-consent-materials">
          {format(m.review.noConsentMaterials, { department: departmentName })}
        </p>
      </>
    );

  const wrongKey = format(m.review.keyWrong, { department: departmentName });
  const readOne = async (licence: ReviewLicence, key: Hex, token: string): Promise<Read | "wrongKey"> => {
    const fields = licence.consentFields!;
    let answer: Awaited<ReturnType<typeof disclose>>;
    try {
      answer = await disclose(token, { licenceId: licence.licenceId, fields, purpose: view.applicationId });
    } catch (e) {
      if (e instanceof ExchangeError && e.code === "NOT_PERMITTED") return { kind: "noConsent" };
      throw e;
    }
    let plaintext: Uint8Array;
    try {
      plaintext = eciesDecrypt(key, answer.envelope);
    } catch {
      return "wrongKey";
    }
    const disclosure = parseDisclosure(JSON.parse(new TextDecoder().decode(plaintext)));
    const offline = checkDisclosure(disclosure, { fieldNames: licence.fieldNames });
    const verdict = await verifyLicence(createOneWindowClient({ rpcUrl, deployment: deployment! }), { disclosure });
    const problems = [
      ...(disclosure.licenceId.toLowerCase() === licence.licenceId.toLowerCase()
        ? []
        : [`the disclosure is of licence ${disclosure.licenceId}`]),
      ...offline.problems,
      ...verdict.integrity.problems,
      ...verdict.status.problems,
      ...verdict.issuer.problems,
    ].filter((p, i, all) => all.indexOf(p) === i);
    const proven = offline.ok && verdict.integrity.ok;
    return {
      kind: "fields",
      fields: disclosure.fields.map((f) => ({ ...f, proven: proven && fields.includes(f.name) })),
      consentId: answer.consentId,
      block: answer.evidence.blockNumber,
      problems,
      fieldMask: verdict.fieldMask,
      result: verdict.result,
    };
  };

  const read = async () => {
    setKeyError(undefined);
    setReads({});
    const key = parseKey(keyText);
    if (!key) return setKeyError(m.review.keyInvalid);
    let publicKey: Hex;
    try {
      publicKey = encryptionPublicKey(key);
    } catch {
      return setKeyError(m.review.keyInvalid);
    }
    // A key that is not the department's registered one opens nothing: say so before asking anyone.
    if (publicKey.toLowerCase() !== view.department.encryptionKey.toLowerCase()) return setKeyError(wrongKey);
    keys.set(view.department.id, key);
    setBusy(true);
    try {
      const token = await session();
      const next: Record<string, Read> = {};
      for (const licence of consented) {
        try {
          const outcome = await readOne(licence, key, token);
          if (outcome === "wrongKey") {
            setReads({});
            return setKeyError(wrongKey);
          }
          next[licence.licenceId] = outcome;
        } catch (e) {
          next[licence.licenceId] = {
            kind: "error",
            text: e instanceof ExchangeError ? e.text(lang) : humanError(e, lang, m, rpcUrl),
          };
        }
      }
      setReads(next);
      onProven?.(
        Object.fromEntries(
          Object.values(next).flatMap((r) =>
            r.kind === "fields" && r.problems.length === 0
              ? r.fields.filter((f) => f.proven).map((f) => [f.name, f.value])
              : [],
          ),
        ),
      );
    } catch (e) {
      setKeyError(e instanceof ExchangeError ? e.text(lang) : humanError(e, lang, m, rpcUrl));
    } finally {
      setBusy(false);
    }
  };

  const chooseFile = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    const key = parseKey(await file.text());
    setKeyError(key ? undefined : m.review.keyInvalid);
    if (key) setKeyText(key);
  };

  return (
    <>
      <h2>{m.review.disclosed}</h2>
      <div className="card">
        <div className="row">
          <label htmlFor="department-key">{m.review.keyLabel}</label>
          <input
            id="department-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder={m.review.keyPlaceholder}
            value={keyText}
            onChange={(e) => setKeyText(e.target.value)}
            style={{ minWidth: "24rem" }}
            data-testid="department-key"
          />
          <label>
            {m.review.keyFile}{" "}
            <input type="file" onChange={(e) => void chooseFile(e.target.files)} data-testid="department-key-file" />
          </label>
        </div>
        <p className="muted" data-testid="key-note">
          {m.review.keyNote}
        </p>
        <button type="button" disabled={busy || keyText === ""} onClick={() => void read()} data-testid="read-fields">
          {m.review.read}
        </button>
        {busy ? <p role="status">{m.review.reading}</p> : null}
        {keyError ? (
          <p role="alert" className="banner error" data-testid="key-error">
            {keyError}
          </p>
        ) : null}
      </div>
      {consented.map((licence) => {
        const outcome = reads[licence.licenceId];
        if (!outcome) return null;
        return (
          <div key={licence.licenceId} className="card" data-testid="disclosure" data-licence={licence.licenceId}>
            <h3>{licence.typeName}</h3>
            {outcome.kind === "noConsent" ? (
              <p role="alert" className="banner warn" data-testid="no-consent">
                {format(m.review.noConsent, {
                  department: departmentName,
                  licence: licence.typeName,
                  fields: licence.consentFields!.join(", "),
                })}
              </p>
            ) : outcome.kind === "error" ? (
              <p role="alert" className="banner error">
                {outcome.text}
              </p>
            ) : (
              <>
                <table>
                  <thead>
                    <tr>
                      <th>{m.review.field}</th>
                      <th>{m.review.value}</th>
                      <th>{m.review.proof}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {outcome.fields.map((f) => (
                      <tr key={f.name} data-testid="disclosed-field" data-field={f.name}>
                        <td className="mono">{f.name}</td>
                        <td data-testid="disclosed-value">{f.value}</td>
                        <td>
                          <Badge ok={f.proven} testId="proof-badge">
                            {f.proven ? m.review.proofOk : m.review.proofBad}
                          </Badge>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p className="muted">{m.review.proofNote}</p>
                <p className="muted mono">
                  {format(m.review.evidence, { consent: outcome.consentId, block: outcome.block })}
                </p>
                {outcome.problems.length > 0 ? (
                  <p role="alert" className="banner error" data-testid="disclosure-problems">
                    {format(m.review.disclosureBad, { problems: outcome.problems.join("; ") })}
                  </p>
                ) : null}
                <RecordCheck
                  licenceId={licence.licenceId}
                  purpose={view.applicationId}
                  fieldMask={outcome.fieldMask}
                  result={outcome.result}
                />
              </>
            )}
          </div>
        );
      })}
    </>
  );
}

/** Records the check on chain as evidence, signed by the officer's wallet: one transaction, no field value. */
function RecordCheck(props: { licenceId: Hex; purpose: Hex; fieldMask: bigint; result: number }) {
  const { m, lang } = useMessages();
  const { rpcUrl } = usePlatform();
  const writer = useOneWindowWriter();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ActionResult | undefined>();
  const record = async () => {
    setOutcome(undefined);
    setBusy(true);
    try {
      const { hash } = await recordVerification(await writer(), props);
      setOutcome({ ok: true, text: format(m.review.recorded, { hash }) });
    } catch (e) {
      setOutcome({ ok: false, text: humanError(e, lang, m, rpcUrl) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="row">
      <button
        type="button"
        disabled={busy || outcome?.ok === true}
        onClick={() => void record()}
        data-testid="record-verification"
      >
        {busy ? m.review.recording : m.review.record}
      </button>
      <span className="muted">{m.review.recordNote}</span>
      <ResultBanner result={outcome} testId="record-result" />
    </div>
  );
}
