import { gcm } from "@noble/ciphers/aes.js";
import { randomBytes } from "@noble/ciphers/utils.js";
import { bytesToHex, hexToBytes, isHex, type Hex } from "viem";

import { PresentationError } from "../errors/presentation.ts";
import { parseDisclosure, serializeDisclosure, type Disclosure } from "./disclosure-format.ts";

/**
 * A presentation: a disclosure (some fields of a licence with their proof) sealed in the holder's
 * browser with a fresh random key, so that whoever stores or carries the sealed bytes (the
 * exchange, its logs, the network) sees no field. The key travels only in the link's fragment
 * (`#p=<id>.<key>`), which browsers never send to a server.
 *
 * Sealed (hex): `0x01 ‖ nonce (12) ‖ AES-128-GCM ciphertext of the disclosure JSON ‖ tag (16)`;
 * the version byte is authenticated data.
 */
export const PRESENTATION_VERSION = 1;
/** Key bytes: AES-128 keeps the link (and its QR code) short; 22 base64url characters. */
export const PRESENTATION_KEY_BYTES = 16;
const NONCE = 12;
const HEADER = new Uint8Array([PRESENTATION_VERSION]);

/** A sealed presentation and the key that opens it. */
export type SealedPresentation = {
  /** What the exchange stores (hex). */
  ciphertext: Hex;
  /** The key (base64url): only ever in the link's fragment. */
  key: string;
};

/**
 * Seals a disclosure for a presentation with a fresh random key.
 *
 * @example
 * const { ciphertext, key } = sealPresentation(discloseFields(file, ["name", "legalRepresentative"]));
 * const { id } = await createPresentation(exchange, token, { licenceId, ciphertext, lifetimeSeconds: 600 });
 * const link = presentationLink(`${origin}/verify`, id, key);
 */
export function sealPresentation(disclosure: Disclosure): SealedPresentation {
  const key = randomBytes(PRESENTATION_KEY_BYTES);
  const nonce = randomBytes(NONCE);
  const sealed = gcm(key, nonce, HEADER).encrypt(new TextEncoder().encode(serializeDisclosure(disclosure)));
  const out = new Uint8Array(1 + NONCE + sealed.length);
  out.set(HEADER, 0);
  out.set(nonce, 1);
  out.set(sealed, 1 + NONCE);
  return { ciphertext: bytesToHex(out), key: base64url(key) };
}

/**
 * Opens a sealed presentation with its key: the disclosure inside (parsed, not yet verified: see
 * `verifyLicence`).
 *
 * @throws {PresentationError} if the key is not one, or does not open these bytes (wrong key, altered).
 */
export function openPresentation(ciphertext: Hex, key: string): Disclosure {
  let keyBytes: Uint8Array;
  try {
    keyBytes = fromBase64url(key);
  } catch (cause) {
    throw new PresentationError("the key in the link is not valid", "链接中的密钥无效：请核对完整链接。", cause);
  }
  if (keyBytes.length !== PRESENTATION_KEY_BYTES) {
    throw new PresentationError("the key in the link is not valid", "链接中的密钥无效：请核对完整链接。");
  }
  if (!isHex(ciphertext) || ciphertext.length < 2 + 2 * (1 + NONCE + 16)) {
    throw new PresentationError("the stored presentation is not one", "存储的出示内容格式不对。");
  }
  const bytes = hexToBytes(ciphertext);
  if (bytes[0] !== PRESENTATION_VERSION) {
    throw new PresentationError(`unsupported version ${bytes[0]}`, "出示内容的版本不受支持。");
  }
  let plain: Uint8Array;
  try {
    plain = gcm(keyBytes, bytes.subarray(1, 1 + NONCE), HEADER).decrypt(bytes.subarray(1 + NONCE));
  } catch (cause) {
    throw new PresentationError(
      "the key does not open it (wrong or incomplete link, or the stored bytes were altered)",
      "密钥打不开出示内容：链接不完整或有误，或存储内容被改动。",
      cause,
    );
  }
  return parseDisclosure(new TextDecoder().decode(plain));
}

/** The link of a presentation: `<verifyUrl>#p=<id>.<key>` (the fragment never reaches a server). */
export function presentationLink(verifyUrl: string, id: string, key: string): string {
  return `${verifyUrl.replace(/#.*$/, "")}#p=${id}.${key}`;
}

/**
 * The presentation id and key in a link, a fragment (`#p=…`) or a scanned QR code's text; undefined
 * if there is none.
 */
export function parsePresentationLink(text: string): { id: string; key: string } | undefined {
  const match = /(?:^|[#&])p=([A-Za-z0-9_-]{8,64})\.([A-Za-z0-9_-]{16,64})(?:$|&)/.exec(text.trim());
  return match ? { id: match[1]!, key: match[2]! } : undefined;
}

/** Bytes as base64url without padding. */
function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("not base64url");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
