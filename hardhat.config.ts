import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";
import type { HardhatPlugin } from "hardhat/types/plugins";
import type { CompilerOutputError } from "hardhat/types/solidity";

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
 * with runs 1 ~22.5 kB). The service catalogue is optimised for size in the default (test) profile
 * too: unoptimised it is ~24.9 kB, just over the limit; production builds it with runs 10,000 (~19.3
 * kB). Every other contract uses its profile's settings.
 */
const ENGINE = "contracts/ApprovalEngine.sol";
const CATALOG = "contracts/ServiceCatalog.sol";
const sizeOptimised = {
  version: SOLC_VERSION,
  path: SOLC_PATH,
  settings: { evmVersion, optimizer: { enabled: true, runs: 1 } },
};

/**
 * Compiler warnings from dependencies are not shown: forge-std (from @layerzerolabs/toolbox-foundry,
 * imported by the Solidity tests) alone gives ~250 warnings, ~1,500 lines, on every full build. A
 * warning is dropped only when the compiler places it in a file under node_modules (source names
 * `npm/…`); warnings in contracts/ and test/, warnings without a file and every error are printed as
 * before. Hardhat 3 has no setting for this, hence a hook on the compiler's output.
 */
const isDependencyWarning = (error: CompilerOutputError): boolean =>
  error.severity !== "error" &&
  ((error as { sourceLocation?: { file?: string } }).sourceLocation?.file?.startsWith("npm/") ?? false);

const quietDependencies: HardhatPlugin = {
  id: "onewindow-quiet-dependencies",
  hookHandlers: {
    solidity: async () => ({
      default: async () => ({
        invokeSolc: async (context, compiler, solcInput, solcConfig, next) => {
          const output = await next(context, compiler, solcInput, solcConfig);
          const errors = output.errors ?? [];
          const kept = errors.filter((e) => !isDependencyWarning(e));
          const hidden = errors.length - kept.length;
          if (hidden === 0) return output;
          // solc lists no warning after the 256th: say so, and that most of those were the dependencies'.
          output.errors = kept.map((e) =>
            e.message.startsWith("There are more than 256 warnings")
              ? {
                  ...e,
                  formattedMessage: `${(e.formattedMessage ?? e.message).trimEnd()} ${hidden} of those listed, in dependencies under node_modules, are hidden; \`npx hardhat build --no-tests\` lists every warning of contracts/.\n`,
                }
              : e,
          );
          return output;
        },
      }),
    }),
  },
};

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers, quietDependencies],
  solidity: {
    profiles: {
      default: {
        compilers: [
          { version: SOLC_VERSION, path: SOLC_PATH, settings: { evmVersion, optimizer: { enabled: false } } },
        ],
        overrides: { [ENGINE]: sizeOptimised, [CATALOG]: sizeOptimised },
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
