/** Stops the platform that global-setup started (its process group; dev.ts stops its own children). */
import { rmSync } from "node:fs";

import { platform } from "./platform.ts";

export default async function globalTeardown(): Promise<void> {
  const { pid, tempDirs = [] } = platform();
  if (pid === undefined) return;
  try {
    await stop(pid);
  } finally {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  }
}

async function stop(pid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  process.kill(-pid, "SIGTERM");
  const deadline = Date.now() + 15_000;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (alive()) process.kill(-pid, "SIGKILL");
}
