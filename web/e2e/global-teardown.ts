/** Stops the platform that global-setup started (its process group; dev.ts stops its own children). */
import { rmSync } from "node:fs";

import { stopProcessGroup } from "@onewindow/testkit/platform";
import { platform } from "./platform.ts";

export default async function globalTeardown(): Promise<void> {
  const { pid, tempDirs = [] } = platform();
  if (pid === undefined) return;
  try {
    await stopProcessGroup(pid);
  } finally {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  }
}
