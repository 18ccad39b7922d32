import { isHex, type Hex } from "viem";
import { createSiweMessage } from "viem/siwe";

import { createExchangeClient, ExchangeRequestError, signInToExchange } from "@onewindow/exchange/client";
import { OneWindowError, parseLicenceFile } from "@onewindow/sdk";

import { stringOption, type Command, type OptionValues } from "../command.ts";
import type { CommandContext } from "../context.ts";
import { InputError, UsageError } from "../exit-codes.ts";
import { applicationIdOf, readJsonFile, requireOption, stepOf } from "./common.ts";
import { exportCredential, verifyCredential } from "./credential.ts";
import { buildLicenceFiles, writeLicenceFile } from "./issue.ts";

const DEFAULT_EXCHANGE = "http://127.0.0.1:8787";

/** The exchange refused a request: its bilingual message, exit 4. */
class ExchangeRefusedError extends OneWindowError {
  override name = "ExchangeRefusedError";
  constructor(error: ExchangeRequestError) {
    const body = error.body as { error?: { code?: string; message?: { zh: string; en: string } } } | undefined;
    const message = body?.error?.message ?? {
      zh: `数据交换节点拒绝了请求（${error.status}）`,
      en: `The exchange refused (${error.status})`,
    };
    super(`${error.route}: ${error.status} ${body?.error?.code ?? ""}`, {
      code: "EXCHANGE_REFUSED",
      messages: { zh: `数据交换节点：${message.zh}`, en: `Exchange: ${message.en}` },
      cause: error,
    });
  }
}

/** The exchange's URL: --exchange, ONEWINDOW_EXCHANGE_URL, or the embedded default. */
export function exchangeUrlOf(values: OptionValues): string {
  return stringOption(values, "exchange") ?? process.env.ONEWINDOW_EXCHANGE_URL ?? DEFAULT_EXCHANGE;
}

/** Signs in to the exchange at `url` with the CLI's key (Sign-In with Ethereum): its client and token. */
export async function signIn(context: CommandContext, url: string) {
  const client = await context.signer();
  const account = client.wallet!.account;
  const exchange = createExchangeClient(url);
  const { token } = await signInToExchange(exchange, async (nonce) => {
    const message = createSiweMessage({
      address: account.address,
      chainId: client.chain.id,
      domain: new URL(url).host,
      nonce,
      uri: `${url}/`,
      version: "1",
      statement: "Sign in to the OneWindow data exchange.",
      issuedAt: new Date(),
      expirationTime: new Date(Date.now() + 10 * 60_000),
    });
    return { message, signature: (await account.signMessage!({ message })) as Hex };
  });
  return { exchange, token, headers: { authorization: `Bearer ${token}` } };
}

/** Runs a request to the exchange: its refusals and an unreachable exchange in words. */
export async function withExchange<T>(url: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof ExchangeRequestError) throw new ExchangeRefusedError(error);
    if (error instanceof TypeError) {
      throw new OneWindowError(`exchange ${url} unreachable`, {
        code: "EXCHANGE_UNREACHABLE",
        messages: { zh: `无法连接数据交换节点 ${url}`, en: `Cannot reach the exchange at ${url}` },
        cause: error,
      });
    }
    throw error;
  }
}

export const licenceCommand: Command = {
  name: "licence",
  summary: {
    zh: "输出证照：部门生成证照文件（不上链），并交由数据交换节点保管直至办结签发",
    en: "Output licences: the department builds the file (not issued) and has the exchange hold it until completion",
  },
  usage: [
    "build --type <code|id> --fields <fields.json> --holder <applicant address> --out <licence.json>",
    "hold <licence.json> --application <id> --step <output step> [--exchange <url>]   (ONEWINDOW_EXCHANGE_URL, default http://127.0.0.1:8787)",
    "fetch <licence id> --out <licence.json> [--exchange <url>]   (the holder: the file as the chain issued it)",
    "export <licence.json> --format vc|sd-jwt --out <file> [--base-url <platform url>] [--batch-members <ids.json>]",
    "       (an officer of the issuing department signs a W3C VC 2.0 or an SD-JWT VC; base URL default: the exchange)",
    "verify-credential <file> [--disclose <field,…> --out <file>]   (check an exported credential, or present chosen SD-JWT fields)",
  ].join("\n"),
  options: {
    type: { type: "string" },
    fields: { type: "string" },
    holder: { type: "string" },
    out: { type: "string" },
    "expires-at": { type: "string" },
    application: { type: "string" },
    step: { type: "string" },
    exchange: { type: "string" },
    format: { type: "string" },
    "base-url": { type: "string" },
    "batch-members": { type: "string" },
    disclose: { type: "string" },
  },
  async run(context, values, positionals) {
    const [action, file] = positionals;
    const { out } = context;
    const zh = out.lang === "zh";
    if (action === "build") {
      const outFile = requireOption(values, "out");
      const client = await context.signer();
      const [licence] = await buildLicenceFiles(client, values);
      writeLicenceFile(outFile, licence!);
      out.result({ licenceId: licence!.licenceId, file: outFile }, () =>
        zh
          ? `已生成证照文件（未上链）：${outFile}\n证照编号：${licence!.licenceId}（批准输出环节时用 --output-licence 指明）`
          : `Built the licence file (not issued): ${outFile}\nLicence id: ${licence!.licenceId} (give this file with --output-licence when approving the output step)`,
      );
      return;
    }
    if (action === "hold") {
      if (!file)
        throw new UsageError(
          "Give the licence file: licence hold <licence.json> …",
          "请给出证照文件：licence hold <证照文件> …",
        );
      let licence;
      try {
        licence = parseLicenceFile(readJsonFile(file));
      } catch (cause) {
        if (cause instanceof InputError) throw cause;
        throw new InputError(file, "is not a licence file.", "不是有效的证照文件。", cause);
      }
      const applicationId = applicationIdOf(requireOption(values, "application"));
      const step = stepOf(values);
      const url = exchangeUrlOf(values);
      await withExchange(url, async () => {
        const { exchange, headers } = await signIn(context, url);
        const response = await exchange.licences.outputs.$post(
          { json: { applicationId, step, file: licence } as never },
          { headers },
        );
        const body = (await response.json().catch(() => undefined)) as
          { licenceId?: string; alreadyHeld?: boolean } | undefined;
        if (response.status !== 201 && response.status !== 200) {
          throw new ExchangeRequestError("POST /licences/outputs", response.status, body);
        }
        out.result(body, () =>
          zh
            ? `数据交换节点已保管输出证照 ${body?.licenceId ?? licence.licenceId}${body?.alreadyHeld ? "（此前已保管）" : ""}；办结签发后持证人可取回`
            : `The exchange holds output licence ${body?.licenceId ?? licence.licenceId}${body?.alreadyHeld ? " (already held)" : ""}; the holder can fetch it once the chain issues it`,
        );
      });
      return;
    }
    if (action === "fetch") {
      // The holder's copy, as the chain issued it (its issue and expiry times are the chain's).
      const licenceId = file;
      if (!licenceId || !isHex(licenceId) || licenceId.length !== 66) {
        throw new UsageError(
          "Give the licence id: licence fetch <licence id> --out <licence.json>",
          "请给出证照编号：licence fetch <证照编号> --out <证照文件>",
        );
      }
      const outFile = requireOption(values, "out");
      const url = exchangeUrlOf(values);
      await withExchange(url, async () => {
        const { exchange, headers } = await signIn(context, url);
        const response = await exchange.licences[":licenceId"].$get({ param: { licenceId } }, { headers });
        const body = (await response.json().catch(() => undefined)) as unknown;
        if (response.status !== 200) throw new ExchangeRequestError("GET /licences/{licenceId}", response.status, body);
        writeLicenceFile(outFile, parseLicenceFile(body));
        out.result({ licenceId, file: outFile }, () =>
          zh
            ? `已取回证照文件：${outFile}（含个人数据，请妥善保管）`
            : `Fetched the licence file: ${outFile} (it holds personal data: keep it safe)`,
        );
      });
      return;
    }
    if (action === "export") return exportCredential(context, values, file, exchangeUrlOf(values));
    if (action === "verify-credential") return verifyCredential(context, values, file);
    if (isHex(action ?? ""))
      throw new UsageError(
        "Say what to do first: licence build | hold | fetch | export | verify-credential.",
        "请先指定操作：licence build | hold | fetch | export | verify-credential。",
      );
    throw new UsageError(
      "Say what to do: licence build | hold | fetch | export | verify-credential.",
      "请指定操作：licence build | hold | fetch | export | verify-credential。",
    );
  },
};
