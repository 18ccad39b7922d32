"use client";
/**
 * The fields the applicant consented to show the officer's department, asked for at the exchange
 * (SIWE session of the officer's wallet, purpose = the application id), decrypted HERE with the
 * department's encryption key and checked offline (`checkDisclosure`) and on chain
 * (`verifyLicence`). The key is kept in this tab's memory only and never sent anywhere.
 */
import {
  checkDisclosure,
  createOneWindowClient,
  eciesDecrypt,
  encryptionPublicKey,
  parseDisclosure,
  verifyLicence,
  type DisclosedField,
} from "@onewindow/sdk";
import { useState } from "react";
import type { Hex } from "viem";

import { useErrorText } from "@/hooks/useErrorText.ts";
import { useExchangeSession } from "@/hooks/useExchangeSession.ts";
import { disclose, ExchangeError } from "@/lib/exchange.ts";
import { useMessages, usePlatform } from "@/lib/platform-context.tsx";
import type { ReviewLicence, ReviewView } from "@/lib/api.ts";
import { format } from "@/messages/index.ts";

/** Department encryption keys given in this tab (by department id): memory only, gone on reload. */
const keys = new Map<number, Hex>();

/** What one licence's read gave: its fields (each proven or not), no consent, or an error in words. */
export type DisclosureRead =
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

export type UseDisclosuresParameters = {
  view: ReviewView;
  departmentName: string;
  /** Called with the proven fields' values (name → value) after a read. */
  onProven?: ((fields: Record<string, string>) => void) | undefined;
};

export type UseDisclosuresReturnType = {
  /** The licences presented with consented fields for this department. */
  consented: ReviewLicence[];
  /** The department key as typed or read from a file. */
  keyText: string;
  setKeyText: (text: string) => void;
  /** Reads the key from a key file. */
  chooseKeyFile: (files: FileList | null) => Promise<void>;
  busy: boolean;
  /** Why the key opened nothing (or the session failed), in words. */
  keyError: string | undefined;
  /** The last read, by licence id. */
  reads: Record<string, DisclosureRead>;
  read: () => Promise<void>;
};

export function useDisclosures({ view, departmentName, onProven }: UseDisclosuresParameters): UseDisclosuresReturnType {
  const { m } = useMessages();
  const { deployment, rpcUrl } = usePlatform();
  const { token: session } = useExchangeSession();
  const explain = useErrorText();
  const [keyText, setKeyText] = useState(() => keys.get(view.department.id) ?? "");
  const [keyError, setKeyError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [reads, setReads] = useState<Record<string, DisclosureRead>>({});
  const consented = view.licences.filter((l) => l.consentFields && l.consentFields.length > 0);
  const wrongKey = format(m.review.keyWrong, { department: departmentName });

  const readOne = async (licence: ReviewLicence, key: Hex, token: string): Promise<DisclosureRead | "wrongKey"> => {
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
      const next: Record<string, DisclosureRead> = {};
      for (const licence of consented) {
        try {
          const outcome = await readOne(licence, key, token);
          if (outcome === "wrongKey") {
            setReads({});
            return setKeyError(wrongKey);
          }
          next[licence.licenceId] = outcome;
        } catch (e) {
          next[licence.licenceId] = { kind: "error", text: explain(e) };
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
      setKeyError(explain(e));
    } finally {
      setBusy(false);
    }
  };

  const chooseKeyFile = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    const key = parseKey(await file.text());
    setKeyError(key ? undefined : m.review.keyInvalid);
    if (key) setKeyText(key);
  };

  return { consented, keyText, setKeyText, chooseKeyFile, busy, keyError, reads, read };
}
