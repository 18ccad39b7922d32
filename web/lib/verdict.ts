/**
 * A checked licence's verdict in words, as a list of parts (integrity, status, issuer authorised),
 * each with whether it holds and why. Further parts (e.g. a national seal) are added to the list
 * by whoever computes them; the display renders whatever parts it is given.
 */
import { LicenceStatus } from "@onewindow/sdk";

import type { CheckedLicence } from "@/lib/licence-check.ts";
import { format, type Lang, type Messages } from "@/messages/index.ts";

/** One part of a verdict, in words. */
export type VerdictPart = {
  /** Stable key (`integrity`, `status`, `issuer`, …): test ids and ordering. */
  key: string;
  title: string;
  ok: boolean;
  /** Why, in words (never a field value). */
  reasons: string[];
};

/** The one line a person reads first: a revoked, suspended, expired or altered licence says so before anything else. */
export type VerdictHeadline = { ok: boolean; key: string; text: string };

/** A Unix-seconds date as a person reads it. */
export function dateText(seconds: number, lang: Lang): string {
  return new Date(seconds * 1000).toLocaleDateString(lang === "zh" ? "zh-CN" : "en-GB", {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "Asia/Shanghai",
  });
}

/** A field's label from the catalogue of labels, else its schema name. */
export function fieldLabel(m: Messages, name: string): string {
  return (m.consent.fieldLabels as Record<string, string>)[name] ?? name;
}

export function verdictParts(checked: CheckedLicence, m: Messages, lang: Lang): VerdictPart[] {
  const t = m.holder.verdict;
  const { verdict } = checked;

  const integrity: string[] = [];
  if (verdict.integrity.alteredFields.length > 0) {
    integrity.push(
      format(t.integrityAltered, {
        fields: verdict.integrity.alteredFields
          .map((n) => `${fieldLabel(m, n)} (${n})`)
          .join(lang === "zh" ? "、" : ", "),
      }),
    );
  }
  for (const mismatch of verdict.integrity.mismatches) {
    integrity.push(format(t.integrityMismatch, { what: t.record[mismatch.field] ?? mismatch.field }));
  }
  if (!verdict.integrity.ok && integrity.length === 0) integrity.push(t.integrityProof);
  if (verdict.integrity.ok) integrity.push(t.integrityOk);

  const status: string[] = [];
  switch (verdict.status.status) {
    case LicenceStatus.Valid:
      status.push(verdict.status.ok ? t.statusValid : t.statusOtherChain);
      break;
    case LicenceStatus.Revoked:
      status.push(checked.replacedBy ? format(t.statusRevokedReplaced, { id: checked.replacedBy }) : t.statusRevoked);
      break;
    case LicenceStatus.Suspended:
      status.push(t.statusSuspended);
      break;
    case LicenceStatus.Expired:
      status.push(format(t.statusExpired, { date: dateText(checked.expiresAt, lang) }));
      break;
    default:
      status.push(t.statusUnknown);
  }

  const names = { department: checked.departmentName, type: checked.typeName };
  const issuer = [
    verdict.record === undefined ? t.issuerNone : format(verdict.issuer.ok ? t.issuerOk : t.issuerBad, names),
  ];

  return [
    { key: "integrity", title: t.integrity, ok: verdict.integrity.ok, reasons: integrity },
    { key: "status", title: t.status, ok: verdict.status.ok, reasons: status },
    { key: "issuer", title: t.issuer, ok: verdict.issuer.ok, reasons: issuer },
  ];
}

export function verdictHeadline(checked: CheckedLicence, m: Messages, lang: Lang): VerdictHeadline {
  const b = m.holder.banner;
  const { verdict } = checked;
  switch (verdict.status.status) {
    case LicenceStatus.Revoked:
      return {
        ok: false,
        key: "revoked",
        text: checked.replacedBy ? format(b.revokedReplaced, { id: checked.replacedBy }) : b.revoked,
      };
    case LicenceStatus.Suspended:
      return { ok: false, key: "suspended", text: b.suspended };
    case LicenceStatus.Expired:
      return { ok: false, key: "expired", text: format(b.expired, { date: dateText(checked.expiresAt, lang) }) };
    case LicenceStatus.Unknown:
      return { ok: false, key: "unknown", text: b.unknown };
  }
  if (!verdict.integrity.ok) return { ok: false, key: "tampered", text: b.tampered };
  if (!verdict.issuer.ok) return { ok: false, key: "issuer", text: b.issuer };
  if (!verdict.status.ok) return { ok: false, key: "status", text: verdictParts(checked, m, lang)[1]!.reasons[0]! };
  return { ok: true, key: "valid", text: b.valid };
}
