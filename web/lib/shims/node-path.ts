/** Browser stand-in for node:path (only `join`, which the SDK's file helpers use in Node). */
export function join(...parts: string[]): string {
  return parts.filter(Boolean).join("/").replace(/\/+/g, "/");
}
export default { join };
