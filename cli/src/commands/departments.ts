import { isAddress, isHex, type Address, type Hex } from "viem";

import {
  DepartmentKind,
  getSealKeys,
  listDepartments,
  parseSm2PublicKey,
  registerDepartment,
  setSealKey,
  sm2PublicKeyOf,
} from "@onewindow/sdk";

import { stringOption, type Command } from "../command.ts";
import { UsageError } from "../exit-codes.ts";
import { table } from "../output.ts";
import { departmentByCodeOrId, LEVEL_NAMES, parseLevel, requireOption } from "./common.ts";

export const departmentsCommand: Command = {
  name: "departments",
  summary: { zh: "查看或登记部门", en: "List, show or register departments" },
  usage: [
    "list",
    "show <code|id>",
    "register --code <code> --name <name> --level national|municipal|district [--public-service]",
    "         --officers <addr,addr,…> --threshold <m> --encryption-key <0x02…33 bytes>",
    "seal-key <code|id> --seal-public-key <0x04…65 bytes> | --seal-key <SM2 private key hex>",
    "         register or rotate the department's national-seal key (REGISTRAR); earlier keys stay in the history",
    "seal-keys <code|id>   the department's seal-key history",
  ].join("\n"),
  options: {
    code: { type: "string" },
    name: { type: "string" },
    level: { type: "string" },
    "public-service": { type: "boolean", default: false },
    officers: { type: "string" },
    threshold: { type: "string" },
    "encryption-key": { type: "string" },
    "seal-public-key": { type: "string" },
    "seal-key": { type: "string" },
  },
  async run(context, values, positionals) {
    const [action, target] = positionals;
    const { out } = context;
    if (action === "list") {
      const departments = await listDepartments(await context.reader());
      out.result(departments, () =>
        table(
          ["id", "code", out.lang === "zh" ? "名称" : "name", "level", "m/n", "active"],
          departments.map((d) => [
            d.departmentId,
            d.code,
            d.name,
            LEVEL_NAMES[d.level]?.[out.lang] ?? d.level,
            `${d.threshold}/${d.officers.length}`,
            d.active ? "yes" : "no",
          ]),
        ),
      );
      return;
    }
    if (action === "show") {
      if (!target) throw new UsageError("Name the department: show <code|id>.", "请指定部门：show <代码|编号>。");
      const department = await departmentByCodeOrId(await context.reader(), target);
      out.result({ id: department.departmentId, ...department }, () =>
        [
          `${department.name} (${department.code}, id ${department.departmentId})`,
          `level: ${LEVEL_NAMES[department.level]?.[out.lang] ?? department.level}   threshold: ${department.threshold} of ${department.officers.length}   active: ${department.active}`,
          `officers: ${department.officers.join(", ")}`,
          `encryption key: ${department.encryptionKey}`,
        ].join("\n"),
      );
      return;
    }
    if (action === "register") {
      const officers = requireOption(values, "officers")
        .split(",")
        .map((a) => a.trim());
      for (const officer of officers) {
        if (!isAddress(officer)) {
          throw new UsageError(`--officers: "${officer}" is not an address.`, `--officers：“${officer}”不是有效地址。`);
        }
      }
      const threshold = Number(requireOption(values, "threshold"));
      if (!Number.isInteger(threshold) || threshold < 1 || threshold > officers.length) {
        throw new UsageError(
          `--threshold must be between 1 and the number of officers (${officers.length}).`,
          `--threshold 必须介于 1 与审批人数（${officers.length}）之间。`,
        );
      }
      const encryptionKey = requireOption(values, "encryption-key");
      if (!isHex(encryptionKey) || encryptionKey.length !== 68) {
        throw new UsageError(
          "--encryption-key must be a compressed secp256k1 public key (0x02… or 0x03…, 33 bytes).",
          "--encryption-key 必须是压缩格式的 secp256k1 公钥（0x02 或 0x03 开头，33 字节）。",
        );
      }
      const client = await context.signer();
      const result = await registerDepartment(client, {
        code: requireOption(values, "code"),
        name: requireOption(values, "name"),
        level: parseLevel(stringOption(values, "level")),
        kind: values["public-service"] ? DepartmentKind.PublicService : DepartmentKind.Government,
        encryptionKey: encryptionKey as Hex,
        officers: officers as Address[],
        threshold,
      });
      out.result(result, () =>
        out.lang === "zh"
          ? `已登记部门，编号 ${result.departmentId}（交易 ${result.hash}）`
          : `Registered department ${result.departmentId} (transaction ${result.hash})`,
      );
      return;
    }
    if (action === "seal-key") {
      if (!target)
        throw new UsageError("Name the department: seal-key <code|id>.", "请指定部门：seal-key <代码|编号>。");
      const publicText = stringOption(values, "seal-public-key");
      const privateText = stringOption(values, "seal-key");
      if ((publicText === undefined) === (privateText === undefined)) {
        throw new UsageError(
          "Give the seal key once: --seal-public-key <0x04…> (65 bytes) or --seal-key <SM2 private key hex>.",
          "请给出一次印章密钥：--seal-public-key <0x04…>（65 字节）或 --seal-key <SM2 私钥十六进制>。",
        );
      }
      // Checked before anything is sent: a SealError names what is wrong with the key.
      const publicKey =
        publicText !== undefined
          ? parseSm2PublicKey(publicText, "--seal-public-key")
          : sm2PublicKeyOf(privateText as Hex);
      const department = await departmentByCodeOrId(await context.reader(), target);
      const client = await context.signer();
      const { hash } = await setSealKey(client, { departmentId: department.departmentId, publicKey });
      const keys = await getSealKeys(client, { departmentId: department.departmentId });
      const index = keys.length - 1;
      out.result({ departmentId: department.departmentId, publicKey, index, hash }, () =>
        out.lang === "zh"
          ? `已为${department.name}登记印章公钥 #${index}（交易 ${hash}）`
          : `Registered seal key #${index} of ${department.name} (transaction ${hash})`,
      );
      return;
    }
    if (action === "seal-keys") {
      if (!target)
        throw new UsageError("Name the department: seal-keys <code|id>.", "请指定部门：seal-keys <代码|编号>。");
      const reader = await context.reader();
      const department = await departmentByCodeOrId(reader, target);
      const keys = await getSealKeys(reader, { departmentId: department.departmentId });
      out.result(
        keys.map((k) => ({ ...k, sinceBlock: k.sinceBlock.toString() })),
        () =>
          keys.length === 0
            ? out.lang === "zh"
              ? `${department.name}尚未登记印章公钥。`
              : `${department.name} has registered no seal key.`
            : table(
                ["#", out.lang === "zh" ? "生效时间 (UTC)" : "since (UTC)", "block", "public key"],
                keys.map((k) => [
                  k.index,
                  new Date(k.since * 1000).toISOString(),
                  k.sinceBlock.toString(),
                  k.publicKey,
                ]),
              ),
      );
      return;
    }
    throw new UsageError(
      "Say what to do: departments list | show | register | seal-key | seal-keys.",
      "请指定操作：departments list | show | register | seal-key | seal-keys。",
    );
  },
};
