/**
 * The national electronic seal's cost (docs/seal.md): milliseconds to seal a licence file and to
 * verify its seal (median of 1,000 each, SM2/SM3 from sm-crypto-v2 in this Node process), and the
 * bytes the seal adds to a licence file. Writes bench/results/seal.json.
 *
 *   npm run bench -- seal
 */
import { performance } from "node:perf_hooks";

import {
  buildLicence,
  checkLicenceSeal,
  newSm2PrivateKey,
  sealLicenceFile,
  serializeLicenceFile,
  sm2PublicKeyOf,
  type LicenceFile,
} from "@onewindow/sdk";

import { measurement, resultsDirectory, writeJson } from "./results.ts";

const RUNS = 1_000;

/** A business licence as the demo issues it: 8 fields, an issue time, a chain and registry. */
function issuedLicence(): LicenceFile {
  const fieldNames = [
    "holder",
    "unifiedSocialCreditCode",
    "name",
    "legalRepresentative",
    "registeredAddress",
    "businessScope",
    "registeredCapital",
    "establishedOn",
  ];
  const { file } = buildLicence({
    typeId: 1,
    typeVersion: 1,
    fieldNames,
    fields: {
      unifiedSocialCreditCode: "91110108MA01ABCDEF",
      name: "北京示例科技有限公司",
      legalRepresentative: "张三",
      registeredAddress: "北京市海淀区中关村大街1号",
      businessScope: "技术开发、技术咨询、技术服务",
      registeredCapital: "1000万元",
      establishedOn: "2020-01-01",
    },
    holder: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
    issuerDepartment: 1,
    issuedAt: 1_767_225_600,
    expiresAt: 0,
    chainId: 31337,
    registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  });
  return file;
}

const privateKey = newSm2PrivateKey();
const keyInForce = { index: 0, publicKey: sm2PublicKeyOf(privateKey) };
const file = issuedLicence();

// Warm-up (JIT, the library's precomputed tables).
for (let i = 0; i < 50; i += 1) checkLicenceSeal(sealLicenceFile(file, { privateKey, keyIndex: 0 }), { keyInForce });

const sealRuns: number[] = [];
const sealed: LicenceFile[] = [];
for (let i = 0; i < RUNS; i += 1) {
  const start = performance.now();
  sealed.push(sealLicenceFile(file, { privateKey, keyIndex: 0 }));
  sealRuns.push(performance.now() - start);
}
const verifyRuns: number[] = [];
for (const one of sealed) {
  const start = performance.now();
  const part = checkLicenceSeal(one, { keyInForce });
  verifyRuns.push(performance.now() - start);
  if (!part.ok) throw new Error(`bench: a seal did not verify: ${part.problems.join("; ")}`);
}

const unsealedBytes = Buffer.byteLength(serializeLicenceFile(file));
const sealedBytes = Buffer.byteLength(serializeLicenceFile(sealed[0]!));
const round = (x: number) => Math.round(x * 1000) / 1000;
const summarise = (runs: number[]) => {
  const { median, min, max } = measurement(runs);
  return { runs: runs.length, medianMs: round(median), minMs: round(min), maxMs: round(max) };
};
const result = {
  library: "sm-crypto-v2 (SM2 on the recommended curve, SM3)",
  node: process.version,
  seal: summarise(sealRuns),
  verify: {
    ...summarise(verifyRuns),
    note: "checkLicenceSeal: the SM2 signature over the 137-byte payload, the fields against the licence id (8 leaves), the key against the one in force",
  },
  size: {
    unsealedBytes,
    sealedBytes,
    addedBytes: sealedBytes - unsealedBytes,
    note: "serializeLicenceFile (2-space JSON): the seal object with algorithm, keyIndex, publicKey (65 bytes hex) and signature (64 bytes hex)",
  },
};
const written = writeJson(resultsDirectory(), "seal.json", result);
const { note: _note, ...verify } = result.verify;
console.table({ seal: result.seal, verify });
console.log(`seal adds ${result.size.addedBytes} bytes to a ${unsealedBytes}-byte licence file; written ${written}`);
