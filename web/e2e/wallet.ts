/**
 * An EIP-1193 wallet injected into the page (window.ethereum, announced by EIP-6963), so the app's
 * normal wagmi `injected()` connector is exercised. Requests go to the test process
 * (`page.exposeFunction`), which signs with a demo key (viem's privateKeyToAccount) and forwards
 * everything else to the local node.
 */
import type { Page } from "@playwright/test";
import { createWalletClient, defineChain, http, type Hex, type TypedDataDefinition } from "viem";
import { privateKeyToAccount } from "viem/accounts";

export type WalletOptions = {
  key: Hex;
  rpcUrl: string;
  chainId: number;
  /** The chain the wallet starts on (default: chainId), e.g. 1 to test the wrong-network banner. */
  startChainId?: number;
  /** Refuse every signature as the user would (EIP-1193 code 4001). */
  rejectSignatures?: boolean;
};

type Reply = { result?: unknown; error?: { code: number; message: string } };

export async function injectWallet(page: Page, options: WalletOptions): Promise<{ address: Hex }> {
  const account = privateKeyToAccount(options.key);
  const chain = defineChain({
    id: options.chainId,
    name: "OneWindow",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [options.rpcUrl] } },
  });
  const wallet = createWalletClient({ account, chain, transport: http(options.rpcUrl) });
  let current = options.startChainId ?? options.chainId;
  const rejected: Reply = { error: { code: 4001, message: "User rejected the request." } };
  const big = (v: unknown) => (typeof v === "string" ? BigInt(v) : undefined);

  await page.exposeFunction("__oneWindowTestWallet", async (method: string, params: unknown[]): Promise<Reply> => {
    try {
      switch (method) {
        case "eth_accounts":
        case "eth_requestAccounts":
          return { result: [account.address] };
        case "eth_chainId":
          return { result: `0x${current.toString(16)}` };
        case "wallet_switchEthereumChain": {
          const wanted = Number((params[0] as { chainId: string }).chainId);
          if (wanted !== options.chainId) return { error: { code: 4902, message: "Unrecognized chain." } };
          current = wanted;
          return { result: null };
        }
        case "eth_sendTransaction": {
          if (options.rejectSignatures) return rejected;
          if (current !== options.chainId) return { error: { code: 4901, message: "Wallet on another chain." } };
          const tx = params[0] as { to?: Hex; data?: Hex; value?: string; gas?: string; nonce?: string };
          const hash = await wallet.sendTransaction({
            to: tx.to ?? null,
            data: tx.data,
            value: big(tx.value),
            gas: big(tx.gas),
            nonce: tx.nonce === undefined ? undefined : Number(tx.nonce),
          });
          return { result: hash };
        }
        case "personal_sign":
          if (options.rejectSignatures) return rejected;
          return { result: await account.signMessage({ message: { raw: params[0] as Hex } }) };
        case "eth_signTypedData_v4": {
          if (options.rejectSignatures) return rejected;
          const typed = JSON.parse(params[1] as string) as TypedDataDefinition & { types: Record<string, unknown> };
          const { EIP712Domain: _domain, ...types } = typed.types;
          return { result: await account.signTypedData({ ...typed, types } as TypedDataDefinition) };
        }
        default: {
          const response = await fetch(options.rpcUrl, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
          });
          return (await response.json()) as Reply;
        }
      }
    } catch (error) {
      return { error: { code: -32603, message: (error as Error).message.split("\n")[0] ?? "error" } };
    }
  });

  await page.addInitScript(() => {
    type Listener = (value: unknown) => void;
    const w = window as unknown as {
      __oneWindowTestWallet: (method: string, params: unknown[]) => Promise<Reply>;
      ethereum?: unknown;
    };
    const listeners = new Map<string, Set<Listener>>();
    const emit = (event: string, value: unknown) => listeners.get(event)?.forEach((l) => l(value));
    const provider = {
      isOneWindowTestWallet: true,
      async request({ method, params }: { method: string; params?: unknown[] }) {
        const reply = await w.__oneWindowTestWallet(method, params ?? []);
        if (reply.error) {
          const error = new Error(reply.error.message) as Error & { code: number };
          error.code = reply.error.code;
          throw error;
        }
        if (method === "wallet_switchEthereumChain") emit("chainChanged", (params?.[0] as { chainId: string }).chainId);
        if (method === "eth_requestAccounts")
          emit("connect", { chainId: (await w.__oneWindowTestWallet("eth_chainId", [])).result });
        return reply.result;
      },
      on(event: string, listener: Listener) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)!.add(listener);
        return provider;
      },
      removeListener(event: string, listener: Listener) {
        listeners.get(event)?.delete(listener);
        return provider;
      },
    };
    w.ethereum = provider;
    const info = {
      uuid: "5f0c6a7e-8a8b-4e43-9d1e-0e5b1c0f7a11",
      name: "OneWindow test wallet",
      icon: "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>",
      rdns: "org.onewindow.testwallet",
    };
    const announce = () =>
      window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
    window.addEventListener("eip6963:requestProvider", announce);
    announce();
  });
  return { address: account.address };
}
