/**
 * Browser stand-in for node:fs. The SDK reads deployment and licence files with node:fs in
 * Node; in the browser those helpers are never called (the deployment comes from the server).
 */
function unavailable(): never {
  throw new Error("files cannot be read in the browser");
}
export const readFileSync = unavailable;
export const writeFileSync = unavailable;
export const mkdirSync = unavailable;
export default { readFileSync, writeFileSync, mkdirSync };
