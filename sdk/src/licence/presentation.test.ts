import assert from "node:assert/strict";
import { describe, it } from "node:test";

import type { Hex } from "viem";

import { PresentationError } from "../errors/presentation.ts";
import { buildLicence } from "./build.ts";
import { discloseFields } from "./disclose.ts";
import { openPresentation, parsePresentationLink, presentationLink, sealPresentation } from "./presentation.ts";
import { businessLicence } from "../test/fixtures.ts";

describe("presentations", () => {
  const { file } = buildLicence(businessLicence());
  const disclosure = discloseFields(file, ["name", "registeredAddress"]);

  it("seals a disclosure that only its key opens, and the sealed bytes show no field", () => {
    const { ciphertext, key } = sealPresentation(disclosure);
    assert.equal(key.length, 22);
    assert.deepEqual(openPresentation(ciphertext, key), disclosure);
    const text = Buffer.from(ciphertext.slice(2), "hex").toString("utf8");
    for (const field of disclosure.fields) assert.ok(!text.includes(field.value));
    assert.throws(() => openPresentation(ciphertext, sealPresentation(disclosure).key), PresentationError);
    assert.throws(() => openPresentation(ciphertext, "not a key!"), PresentationError);
    const altered: Hex = `0x${ciphertext.slice(2, -2)}${ciphertext.endsWith("00") ? "01" : "00"}`;
    assert.throws(() => openPresentation(altered, key), PresentationError);
  });

  it("puts the id and key in the link's fragment and reads them back", () => {
    const link = presentationLink("https://onewindow.example/verify", "AbCdEfGhIjKlMnOpQrStUv", "k".repeat(22));
    assert.equal(link, `https://onewindow.example/verify#p=AbCdEfGhIjKlMnOpQrStUv.${"k".repeat(22)}`);
    assert.deepEqual(parsePresentationLink(link), { id: "AbCdEfGhIjKlMnOpQrStUv", key: "k".repeat(22) });
    assert.deepEqual(parsePresentationLink(new URL(link).hash), parsePresentationLink(link));
    assert.equal(parsePresentationLink("https://onewindow.example/verify"), undefined);
    assert.equal(parsePresentationLink("#p=short.key"), undefined);
  });
});
