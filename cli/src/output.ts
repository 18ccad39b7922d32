/** How the CLI prints: readable tables and messages for people, JSON for scripts. */
export type Output = {
  json: boolean;
  lang: "zh" | "en";
  /** Prints a result: JSON on stdout with `--json`, else the human text. */
  result: (value: unknown, human: () => string) => void;
  /** A line for people on stderr (silent with `--json`). */
  info: (line: string) => void;
  /** A progress bar on stderr (only on a terminal and without `--json`). */
  progress: (label: string, done: number, total: number) => void;
};

/** JSON with bigints as decimal strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
}

export function createOutput(json: boolean, lang: "zh" | "en", stderr: NodeJS.WriteStream = process.stderr): Output {
  let lastDraw = 0;
  return {
    json,
    lang,
    result: (value, human) => {
      process.stdout.write((json ? toJson(value) : human()) + "\n");
    },
    info: (line) => {
      if (!json) stderr.write(line + "\n");
    },
    progress: (label, done, total) => {
      if (json) return;
      if (!stderr.isTTY) {
        if (done === total) stderr.write(`${label}: ${done}/${total}\n`);
        return;
      }
      const now = Date.now();
      if (done !== total && now - lastDraw < 100) return;
      lastDraw = now;
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      stderr.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${percent}%`);
      if (done === total) stderr.write("\n");
    },
  };
}

/** A plain-text table: a header row and rows, columns padded (wide CJK characters count double). */
export function table(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = [header, ...rows.map((row) => row.map((cell) => (cell === undefined ? "" : String(cell))))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => displayWidth(row[i] ?? ""))));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => cell + " ".repeat(widths[i]! - displayWidth(cell)))
      .join("  ")
      .trimEnd();
  return [line(cells[0]!), line(widths.map((w) => "-".repeat(w))), ...cells.slice(1).map(line)].join("\n");
}

/** Columns a string takes in a terminal: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    width +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6)
        ? 2
        : 1;
  }
  return width;
}
