import { OneWindowError } from "./base.ts";

/** A deployment file is missing or malformed. */
export class DeploymentError extends OneWindowError {
  override name = "DeploymentError";
  constructor(source: string, problem: string, cause?: unknown) {
    super(`Deployment ${source} ${problem}.`, {
      code: "DEPLOYMENT_INVALID",
      messages: {
        zh: `部署文件 ${source} 无效（${problem}）。请先运行 npm run deploy 部署合约。`,
        en: `The deployment file ${source} ${problem}. Deploy the contracts first with npm run deploy.`,
      },
      cause,
    });
  }
}
