/**
 * `npm run bench -- credentials`: exported credentials (docs/credentials.md), offline.
 *
 * - export: median ms to sign a licence of 8 fields as a W3C VC (`vc+jwt`) and as an SD-JWT VC
 *   (ES256K, the officer's key), over 1,000 runs each;
 * - verify: median ms for the independent libraries (jose for the VC; @sd-jwt/sd-jwt-vc with a
 *   @noble/curves secp256k1 verifier for the SD-JWT VC, with its status list taken from a cache:
 *   the list's signature and decompression, 200,000 entries, are included) and for the
 *   platform's own parse (`parseExportedCredential`, signature included);
 * - size: bytes of each credential; the status lists for 1,000,000 licences, raw and as published
 *   (IETF 2-bit list: ZLIB + base64url in a signed token; W3C 1-bit lists: GZIP + multibase), all
 *   valid and with 1% revoked and 0.5% suspended at random.
 *
 * Writes bench/results/credentials.json.
 */
import { performance } from "node:perf_hooks";

import { secp256k1 } from "@noble/curves/secp256k1";
import { sha256 } from "@noble/hashes/sha2.js";
import { buildLicence } from "@onewindow/sdk";
import {
  CredentialStatus,
  encodeBitstringStatusList,
  encodeTokenStatusList,
  parseExportedCredential,
  signBitstringStatusList,
  signerOfPrivateKey,
  signLicenceSdJwt,
  signLicenceVc,
  signStatusListToken,
  type CredentialInput,
} from "@onewindow/sdk/vc";
import { SDJwtVcInstance } from "@sd-jwt/sd-jwt-vc";
import { decodeProtectedHeader, EmbeddedJWK, jwtVerify } from "jose";

import { measurement, resultsDirectory, writeJson } from "./results.ts";

const RUNS = Number(process.env.BENCH_CREDENTIAL_RUNS ?? 1000);
const LICENCES = 1_000_000;

const signer = signerOfPrivateKey(`0x${"42".repeat(32)}`);
const fieldNames = [
  "holder",
  "name",
  "creditCode",
  "registeredAddress",
  "legalRepresentative",
  "registeredCapital",
  "businessScope",
  "establishedOn",
];
const { file } = buildLicence({
  typeId: 3,
  typeVersion: 1,
  fieldNames,
  fields: {
    name: "北京示例科技有限公司",
    creditCode: "91110108MA01ABCDEF",
    registeredAddress: "北京市海淀区中关村大街1号",
    legalRepresentative: "张三",
    registeredCapital: "1000万元",
    businessScope: "技术开发、技术咨询、技术服务",
    establishedOn: "2020-01-15",
  },
  holder: "0x1111111111111111111111111111111111111111",
  issuerDepartment: 7,
});
const input: CredentialInput = {
  baseUrl: "https://exchange.haidian.gov.cn",
  chainId: 31337,
  registry: "0x2222222222222222222222222222222222222222",
  file,
  issuedAt: 1_760_000_000,
  expiresAt: 1_950_000_000,
  statusIndex: 123_456,
  departmentName: "海淀区市场监督管理局",
  typeName: "营业执照 Business licence",
};

async function time(run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 20; i++) await run(); // warm-up
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    runs.push(performance.now() - start);
  }
  return runs;
}

const summary = (runs: number[]) => {
  const m = measurement(runs);
  return { runs: runs.length, medianMs: round(m.median), minMs: round(m.min), maxMs: round(m.max) };
};
const round = (x: number) => Math.round(x * 1000) / 1000;

function nobleVerify(jwt: string) {
  const { jwk } = decodeProtectedHeader(jwt) as { jwk: { x: string; y: string } };
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, "base64url"), Buffer.from(jwk.y, "base64url")]);
  return (data: string, signature: string) =>
    secp256k1.verify(Buffer.from(signature, "base64url"), sha256(Buffer.from(data)), point, { lowS: false });
}

const vc = await signLicenceVc(input, signer);
const sdJwt = await signLicenceSdJwt(input, signer);
// The status list a verifier fetched once and keeps for its ttl: the smallest published one (131,072 entries).
const cachedList = await signStatusListToken(
  {
    baseUrl: input.baseUrl,
    chainId: 31337,
    departmentId: 7,
    statusList: encodeTokenStatusList(new Uint8Array(200_000)),
    issuedAt: 1_760_000_000,
    ttl: 5,
    blockNumber: 1n,
  },
  signer,
);
const sdVerifier = new SDJwtVcInstance({
  hasher: (data: string | ArrayBuffer) => sha256(typeof data === "string" ? Buffer.from(data) : new Uint8Array(data)),
  hashAlg: "sha-256",
  verifier: nobleVerify(sdJwt.split("~")[0]!),
  statusListFetcher: async () => cachedList,
  statusVerifier: nobleVerify(cachedList),
});
const now = new Date(1_800_000_000_000);

const exportVc = summary(await time(() => signLicenceVc(input, signer)));
const exportSd = summary(await time(() => signLicenceSdJwt(input, signer)));
const verifyVcJose = summary(await time(() => jwtVerify(vc, EmbeddedJWK, { typ: "vc+jwt", currentDate: now })));
const verifySdLib = summary(await time(() => sdVerifier.verify(sdJwt, { currentDate: now.getTime() / 1000 })));
const parseVc = summary(await time(() => parseExportedCredential(vc)));
const parseSd = summary(await time(() => parseExportedCredential(sdJwt)));

function statusSizes(statuses: Uint8Array) {
  const token = encodeTokenStatusList(statuses);
  const revocation = encodeBitstringStatusList(statuses, CredentialStatus.Revoked);
  const suspension = encodeBitstringStatusList(statuses, CredentialStatus.Suspended);
  return { token, revocation, suspension };
}

async function statusLists(label: string, statuses: Uint8Array) {
  const start = performance.now();
  const { token, revocation, suspension } = statusSizes(statuses);
  const encodeMs = performance.now() - start;
  const common = {
    baseUrl: input.baseUrl,
    chainId: 31337,
    departmentId: 7,
    issuedAt: 1_760_000_000,
    ttl: 5,
    blockNumber: 1n,
  };
  const tokenJwt = await signStatusListToken({ ...common, statusList: token }, signer);
  const revocationJwt = await signBitstringStatusList(
    { ...common, purpose: "revocation", encodedList: revocation },
    signer,
  );
  const suspensionJwt = await signBitstringStatusList(
    { ...common, purpose: "suspension", encodedList: suspension },
    signer,
  );
  return {
    label,
    licences: LICENCES,
    encodeMs: round(encodeMs),
    ietfTokenStatusList: {
      bitsPerLicence: 2,
      rawBytes: (LICENCES * 2) / 8,
      lstBase64urlBytes: token.lst.length,
      signedTokenBytes: tokenJwt.length,
    },
    w3cBitstringStatusList: {
      bitsPerLicencePerPurpose: 1,
      rawBytesPerPurpose: LICENCES / 8,
      revocationEncodedListBytes: revocation.length,
      suspensionEncodedListBytes: suspension.length,
      signedCredentialBytes: { revocation: revocationJwt.length, suspension: suspensionJwt.length },
    },
  };
}

const allValid = new Uint8Array(LICENCES);
const some = new Uint8Array(LICENCES);
// xorshift32, seeded: the same statuses on every run.
let seed = 0x2545f491;
const random = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
};
for (let i = 0; i < LICENCES; i++) {
  const r = random();
  some[i] = r < 0.01 ? CredentialStatus.Revoked : r < 0.015 ? CredentialStatus.Suspended : CredentialStatus.Valid;
}

const result = {
  machine: `${process.platform} ${process.arch}, Node ${process.version}`,
  date: new Date().toISOString(),
  fields: fieldNames.length,
  export: { vcJwt: exportVc, sdJwtVc: exportSd },
  verify: {
    vcJwtWithJose: verifyVcJose,
    sdJwtVcWithOwfLibrary: verifySdLib,
    vcJwtPlatformParse: parseVc,
    sdJwtVcPlatformParse: parseSd,
  },
  credentialBytes: { vcJwt: vc.length, sdJwtVc: sdJwt.length },
  statusLists: [
    await statusLists("all valid", allValid),
    await statusLists("1% revoked, 0.5% suspended, at random", some),
  ],
};
const written = writeJson(resultsDirectory(), "credentials.json", result);
console.log(
  JSON.stringify({ export: result.export, verify: result.verify, credentialBytes: result.credentialBytes }, null, 1),
);
console.log(JSON.stringify(result.statusLists, null, 1));
console.log(`bench credentials: wrote ${written}`);
