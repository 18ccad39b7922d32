import { readFileSync } from "node:fs";
import path from "node:path";

import { parseDeployment, type Deployment } from "../chain/deployment.ts";
import { DeploymentError } from "../errors/deployment.ts";

/**
 * Reads and checks a deployment file.
 *
 * @example
 * import { readDeployment } from "@onewindow/sdk/node";
 *
 * const deployment = readDeployment({ chainId: 31337 }); // ./deployments/31337.json
 * const fromFile = readDeployment({ file: "/srv/onewindow/deployments/1337.json" });
 */
export function readDeployment(
  parameters: { file: string } | { chainId: number; directory?: string | undefined },
): Deployment {
  const file =
    "file" in parameters
      ? parameters.file
      : path.join(parameters.directory ?? "deployments", `${parameters.chainId}.json`);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new DeploymentError(file, "cannot be read (deploy first: npm run deploy)", cause);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new DeploymentError(file, "is not JSON", cause);
  }
  return parseDeployment(json, file);
}
