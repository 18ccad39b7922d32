/**
 * The Besu QBFT profile (network/besu/): the genesis has what Besu requires of a QBFT network
 * (config.qbft, four validators RLP-encoded in extraData, zero base fee), the TOML files hold the
 * node options the platform relies on, and `npm run deploy -- --network besu` takes its network
 * from the environment: it refuses without BESU_RPC_URL, contacting nothing, and deploys to a
 * local hardhat node standing in for Besu when BESU_RPC_URL and BESU_DEPLOYER_KEY are set.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";

import { fromRlp, getAddress, isAddress, type Hex } from "viem";

import { demoKey } from "@onewindow/testkit/demo";
import { startChain } from "@onewindow/testkit/local-chain";
import { qbftExtraData } from "../../network/besu/generate.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BESU = path.join(ROOT, "network/besu");

/** A minimal TOML reader for the flat files of the profile: `key=value`, strings, numbers, booleans, arrays of strings. */
function parseToml(text: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  // Join multi-line arrays, drop comments and blank lines.
  const lines = text
    .split("\n")
    .map((line) => line.replace(/^\s*#.*$/, "").trim())
    .filter((line) => line.length > 0);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    const eq = line.indexOf("=");
    assert.ok(eq > 0, `not a key=value line: ${line}`);
    const key = line.slice(0, eq).trim();
    assert.match(key, /^[a-z0-9-]+$/, `bad key ${key}`);
    let value = line.slice(eq + 1).trim();
    if (value.startsWith("[")) {
      while (!value.endsWith("]")) {
        line = lines[++i]!;
        assert.ok(line !== undefined, `unclosed array for ${key}`);
        value += line;
      }
      result[key] = JSON.parse(value);
      assert.ok(Array.isArray(result[key]));
    } else if (/^".*"$/.test(value)) result[key] = JSON.parse(value);
    else if (value === "true" || value === "false") result[key] = value === "true";
    else if (/^-?\d+$/.test(value)) result[key] = Number(value);
    else assert.fail(`bad value for ${key}: ${value}`);
    assert.ok(!Object.hasOwn(result, key) || result[key] !== undefined);
  }
  return result;
}

describe("Besu QBFT genesis", () => {
  const genesis = JSON.parse(readFileSync(path.join(BESU, "genesis.json"), "utf8")) as {
    config: Record<string, unknown> & { qbft: Record<string, number>; chainId: number };
    extraData: Hex;
    gasLimit: string;
    baseFeePerGas: string;
    alloc: Record<string, { balance: string }>;
  };

  it("has the QBFT config Besu requires", () => {
    assert.ok(Number.isInteger(genesis.config.chainId) && genesis.config.chainId > 0);
    for (const key of ["blockperiodseconds", "epochlength", "requesttimeoutseconds"]) {
      assert.ok(Number.isInteger(genesis.config.qbft[key]) && genesis.config.qbft[key]! > 0, `config.qbft.${key}`);
    }
    assert.equal(genesis.config.ethash, undefined);
    assert.equal(genesis.config.clique, undefined);
    assert.equal(genesis.config.ibft2, undefined);
  });

  it("has free gas, a large gas limit and a contract size limit", () => {
    assert.equal(genesis.config.zeroBaseFee, true);
    assert.equal(BigInt(genesis.baseFeePerGas), 0n);
    assert.ok(BigInt(genesis.gasLimit) >= 100_000_000n, "gasLimit");
    assert.ok(Number(genesis.config.contractSizeLimit) >= 24_576, "contractSizeLimit");
    assert.equal(genesis.config.cancunTime, 0, "Cancun from genesis (the contracts are compiled for it)");
  });

  it("names four validators in extraData", () => {
    const [vanity, validators, votes, round, seals] = fromRlp(genesis.extraData, "hex") as [
      Hex,
      Hex[],
      Hex[],
      Hex,
      Hex[],
    ];
    assert.equal(vanity.length, 2 + 64);
    assert.equal(validators.length, 4);
    for (const v of validators) assert.ok(isAddress(v), v);
    assert.equal(new Set(validators).size, 4);
    assert.deepEqual(votes, []);
    assert.equal(round, "0x");
    assert.deepEqual(seals, []);
    assert.equal(qbftExtraData(validators.map((v) => getAddress(v))), genesis.extraData);
  });

  it("funds an account for the deployer", () => {
    assert.ok(Object.keys(genesis.alloc).length >= 1);
  });
});

describe("Besu node configuration", () => {
  it("config.toml: min gas price 0, RPC on loopback, local permissioning", () => {
    const config = parseToml(readFileSync(path.join(BESU, "config.toml"), "utf8"));
    assert.equal(config["min-gas-price"], 0);
    assert.equal(config["rpc-http-enabled"], true);
    assert.equal(config["rpc-http-host"], "127.0.0.1");
    assert.equal(config["p2p-host"], "127.0.0.1");
    assert.equal(config["genesis-file"], "network/besu/genesis.json");
    assert.equal(config["permissions-nodes-config-file-enabled"], true);
    assert.equal(config["permissions-accounts-config-file-enabled"], true);
    assert.equal(config["permissions-nodes-config-file"], "network/besu/permissions_config.toml");
    assert.equal(config["permissions-accounts-config-file"], "network/besu/permissions_config.toml");
    assert.ok((config["rpc-http-api"] as string[]).includes("QBFT"));
  });

  it("permissions_config.toml: four validator enodes and the validators' and deployer's accounts", () => {
    const permissions = parseToml(readFileSync(path.join(BESU, "permissions_config.toml"), "utf8"));
    const nodes = permissions["nodes-allowlist"] as string[];
    const accounts = permissions["accounts-allowlist"] as string[];
    assert.equal(nodes.length, 4);
    for (const node of nodes) assert.match(node, /^enode:\/\/[0-9a-f]{128}@127\.0\.0\.1:\d+$/);
    const genesis = JSON.parse(readFileSync(path.join(BESU, "genesis.json"), "utf8")) as {
      extraData: Hex;
      alloc: object;
    };
    const [, validators] = fromRlp(genesis.extraData, "hex") as [Hex, Hex[]];
    for (const v of validators) assert.ok(accounts.includes(v.toLowerCase()), `validator ${v} allowed`);
    for (const funded of Object.keys(genesis.alloc))
      assert.ok(accounts.includes(`0x${funded}`), `deployer ${funded} allowed`);
  });
});

describe("npm run deploy -- --network besu", () => {
  const deploy = (env: NodeJS.ProcessEnv) =>
    spawnSync("npm", ["run", "--silent", "deploy", "--", "--network", "besu"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
      timeout: 300_000,
    });

  it("refuses without BESU_RPC_URL, naming it, without contacting anything", { timeout: 120_000 }, () => {
    const env = { ...process.env };
    delete env.BESU_RPC_URL;
    delete env.BESU_DEPLOYER_KEY;
    const run = deploy(env);
    assert.notEqual(run.status, 0);
    assert.match(run.stdout + run.stderr, /BESU_RPC_URL/);
  });

  it("deploys to the node BESU_RPC_URL names with BESU_DEPLOYER_KEY", { timeout: 300_000 }, async () => {
    const chain = await startChain("hardhat");
    const directory = mkdtempSync(path.join(tmpdir(), "onewindow-besu-"));
    const ignitionId = `test-besu-${path.basename(directory)}`;
    try {
      const run = deploy({
        ...process.env,
        BESU_RPC_URL: chain.rpcUrl,
        BESU_DEPLOYER_KEY: demoKey(0),
        ONEWINDOW_DEPLOYMENTS_DIR: directory,
        ONEWINDOW_IGNITION_ID: ignitionId,
      });
      assert.equal(run.status, 0, run.stderr);
      const deployment = JSON.parse(readFileSync(path.join(directory, `${chain.chainId}.json`), "utf8")) as {
        network: string;
        contracts: Record<string, { address: string }>;
      };
      assert.equal(deployment.network, "besu");
      assert.match(deployment.contracts.ApprovalEngine?.address ?? "", /^0x[0-9a-fA-F]{40}$/);
    } finally {
      await chain.stop();
      rmSync(directory, { recursive: true, force: true });
      rmSync(path.join(ROOT, "ignition/deployments", ignitionId), { recursive: true, force: true });
    }
  });
});
