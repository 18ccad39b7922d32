import type { OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";
import { MAX_MATTER_CODE_BYTES } from "./internal/definition.ts";
import { readMatterVersion, type GetMatterReturnType } from "./getMatter.ts";
import { readMatterSummary } from "./internal/read.ts";

export type GetMatterByCodeParameters = {
  /** The matter's code, e.g. `"HD-VR-HALL"`. */
  code: string;
  /** Version to read (default: the current one). */
  version?: number | undefined;
};

/** The matter as {@link getMatter} reads it, or `undefined` when no matter has this code. */
export type GetMatterByCodeReturnType = GetMatterReturnType | undefined;

/**
 * Finds a matter by its code and reads it (default: its current version) in readable form.
 *
 * @example
 * const vr = await getMatterByCode(client, { code: "HD-VR-HALL" });
 * if (vr === undefined) throw new Error("the VR experience hall matter is not in the catalogue");
 */
export async function getMatterByCode(
  client: OneWindowClient,
  parameters: GetMatterByCodeParameters,
): Promise<GetMatterByCodeReturnType> {
  const check = new Check("getMatterByCode");
  const code = check.text("code", parameters.code, { maxBytes: MAX_MATTER_CODE_BYTES });
  const wanted = parameters.version === undefined ? undefined : check.uint("version", parameters.version, 16, 1);
  const matterId = await readContract(client, {
    contract: "ServiceCatalog",
    functionName: "matterIdByCode",
    args: [code],
  });
  if (matterId === 0) return undefined;
  const summary = await readMatterSummary(client, matterId);
  return readMatterVersion(client, summary, wanted ?? summary.currentVersion);
}
