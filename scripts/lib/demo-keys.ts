import { HDNodeWallet, Mnemonic } from "ethers";

/** Hardhat's well-known development mnemonic: demo keys only, never for a real network. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** The demo wallet at `m/44'/60'/0'/0/<index>` of the development mnemonic. */
export function demoWallet(index: number): HDNodeWallet {
  return HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(DEV_MNEMONIC), `m/44'/60'/0'/0/${index}`);
}
