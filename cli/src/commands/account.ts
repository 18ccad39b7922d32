import { writeFileSync } from "node:fs";

import { formatEther, isAddress, parseEther, toHex, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAddress } from "viem/accounts";

import { stringOption, type Command } from "../command.ts";
import { password, type GlobalOptions } from "../context.ts";
import { InputError, KeyError, UsageError } from "../exit-codes.ts";
import { encryptKeystore } from "../keystore.ts";

export const accountCommand: Command = {
  name: "account",
  summary: { zh: "创建加密密钥库，或查看账户地址", en: "Create an encrypted keystore, or show an account's address" },
  usage: [
    "new --out <keystore.json>   (password: --password-file, ONEWINDOW_KEYSTORE_PASSWORD or a prompt)",
    "address                     (of --keystore or --key)",
    "public-key                  (compressed secp256k1, 33 bytes: e.g. a department's encryption key)",
    "fund <address> [--ether <n>] (development chains only, hardhat node or anvil: adds n ether, default 10)",
  ].join("\n"),
  options: { out: { type: "string" }, ether: { type: "string" } },
  async run(context, values, positionals) {
    const { out } = context;
    if (positionals[0] === "new") {
      const file = stringOption(values, "out");
      if (!file) throw new UsageError("--out <keystore.json> is required.", "缺少 --out <密钥库文件>。");
      const secret = await password(values as GlobalOptions, process.env);
      if (secret.length < 8) {
        throw new KeyError("The password must have at least 8 characters.", "密码至少需要 8 个字符。");
      }
      const key = generatePrivateKey();
      try {
        writeFileSync(file, JSON.stringify(encryptKeystore(key, secret)) + "\n", { mode: 0o600, flag: "wx" });
      } catch (cause) {
        throw new InputError(file, "cannot be written (it may exist already).", "无法写入（可能已存在）。", cause);
      }
      const address = privateKeyToAddress(key);
      out.result({ address, keystore: file }, () =>
        out.lang === "zh" ? `已创建账户 ${address}，密钥库：${file}` : `Created account ${address}, keystore ${file}`,
      );
      return;
    }
    if (positionals[0] === "address") {
      const client = await context.signer();
      const address = client.wallet!.account.address;
      out.result({ address }, () => address);
      return;
    }
    if (positionals[0] === "public-key") {
      const client = await context.signer();
      const uncompressed = (client.wallet!.account as { publicKey?: Hex }).publicKey;
      if (uncompressed === undefined)
        throw new KeyError("This account has no public key to show.", "此账户无法给出公钥。");
      // 0x04 ‖ x ‖ y → 0x02|0x03 (by y's parity) ‖ x.
      const y = BigInt(`0x${uncompressed.slice(68)}`);
      const publicKey = `0x${y % 2n === 0n ? "02" : "03"}${uncompressed.slice(4, 68)}` as Hex;
      out.result({ publicKey }, () => publicKey);
      return;
    }
    if (positionals[0] === "fund") {
      const address = positionals[1];
      if (!address || !isAddress(address)) {
        throw new UsageError(
          "Give the address to fund: account fund <0x…>.",
          "请提供要充值的地址：account fund <0x…>。",
        );
      }
      const ether = stringOption(values, "ether") ?? "10";
      if (!/^\d+(\.\d+)?$/.test(ether)) throw new UsageError("--ether must be a number.", "--ether 必须是数字。");
      const client = await context.reader();
      const version = String(await client.public.request({ method: "web3_clientVersion" }));
      const method = /hardhat/i.test(version)
        ? "hardhat_setBalance"
        : /anvil/i.test(version)
          ? "anvil_setBalance"
          : undefined;
      if (method === undefined) {
        throw new UsageError(
          `account fund works on a development chain only (hardhat node or anvil), not on ${version}: send ether from a funded account instead.`,
          `account fund 仅用于开发链（hardhat node 或 anvil），当前节点为 ${version}：请从有余额的账户转账。`,
        );
      }
      const balance = (await client.public.getBalance({ address })) + parseEther(ether);
      await client.public.request({ method: method as never, params: [address, toHex(balance)] as never });
      out.result({ address, balance: formatEther(balance) }, () =>
        out.lang === "zh"
          ? `${address} 余额：${formatEther(balance)} ETH`
          : `${address} now holds ${formatEther(balance)} ETH`,
      );
      return;
    }
    throw new UsageError("Say what to do: account new | address | fund.", "请指定操作：account new | address | fund。");
  },
};
