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

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    profiles: {
      default: {
        version: SOLC_VERSION,
        path: SOLC_PATH,
        settings: { evmVersion, optimizer: { enabled: false } },
      },
      production: {
        version: SOLC_VERSION,
        path: SOLC_PATH,
        settings: { evmVersion, viaIR: false, optimizer: { enabled: true, runs: 10_000 } },
      },
    },
    npmFilesToBuild: [
      "@openzeppelin/contracts/access/manager/AccessManager.sol",
      "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol",
    ],
  },
  paths: {
    tests: { mocha: "test", solidity: "test" },
  },
  test: {
    solidity: { fuzz: { runs: 256 } },
  },
  typechain: { outDir: "types/ethers-contracts" },
  networks: {
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
