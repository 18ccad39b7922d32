/**
 * `@onewindow/sdk/node`: the SDK's helpers that need Node.js (files on disk). The main entry,
 * `@onewindow/sdk`, runs in a browser as it is; import these only from server code, scripts and tests.
 */
export { readDeployment } from "./deployment.ts";
