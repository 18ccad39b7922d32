import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

/**
 * The compiler is the npm `solc` package's soljson.js (0.8.37): Hardhat never downloads one.
 * Every pragma in contracts/ must accept 0.8.37.
 */
const SOLC_VERSION = "0.8.37";
const SOLC_PATH = require.resolve("solc/soljson.js");

// Cancun: supported by hardhat node, anvil and Besu (private QBFT networks enable it from genesis).
const evmVersion = "cancun";

/**
 * The approval engine is optimised for size in every profile (runs: 1) so that it stays under the
 * 24,576-byte contract size limit of EIP-170 (unoptimised it is ~36 kB; with runs 10,000 ~28.7 kB;
 * with runs 1 ~22.5 kB). Every other contract uses its profile's settings.
 */
const ENGINE = "contracts/ApprovalEngine.sol";
const sizeOptimised = {
  version: SOLC_VERSION,
  path: SOLC_PATH,
  settings: { evmVersion, optimizer: { enabled: true, runs: 1 } },
};

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    profiles: {
      default: {
        compilers: [
          { version: SOLC_VERSION, path: SOLC_PATH, settings: { evmVersion, optimizer: { enabled: false } } },
        ],
        overrides: { [ENGINE]: sizeOptimised },
      },
      production: {
        compilers: [
          {
            version: SOLC_VERSION,
            path: SOLC_PATH,
            settings: { evmVersion, viaIR: false, optimizer: { enabled: true, runs: 10_000 } },
          },
        ],
        overrides: { [ENGINE]: sizeOptimised },
      },
    },
    npmFilesToBuild: [
      "@openzeppelin/contracts/access/manager/AccessManager.sol",
      "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol",
    ],
  },
  paths: {
    tests: { mocha: "test", solidity: "test" },
    // `npm run bench -- gas` builds the production profile into its own folders (ONEWINDOW_BUILD_DIR,
    // e.g. cache/production) so that alternating with the default build does not recompile everything.
    ...(process.env.ONEWINDOW_BUILD_DIR
      ? { artifacts: `${process.env.ONEWINDOW_BUILD_DIR}/artifacts`, cache: `${process.env.ONEWINDOW_BUILD_DIR}/cache` }
      : {}),
  },
  test: {
    solidity: { fuzz: { runs: 256 } },
  },
  typechain: { outDir: "types/ethers-contracts" },
  networks: {
    // The mocha tests' chain: its clock starts on Monday 2026-01-05 09:00 Beijing time, so that
    // working-day deadlines around the 2026 holidays are tested on known dates.
    testClock: { type: "edr-simulated", chainType: "l1", initialDate: "2026-01-05T01:00:00Z" },
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    localhost: { type: "http", chainType: "l1", url: process.env.ONEWINDOW_RPC_URL ?? "http://127.0.0.1:8545" },
    besu: {
      type: "http",
      chainType: "l1",
      url: configVariable("BESU_RPC_URL"),
      accounts: [configVariable("BESU_DEPLOYER_KEY")],
    },
  },
});
