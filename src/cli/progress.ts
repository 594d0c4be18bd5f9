/**
 * A progress bar on stderr, only when stderr is a terminal (never in pipes,
 * CI logs or `--json` runs), redrawn at most ten times a second.
 */
export type Progress = (label: string, done: number, total: number) => void;

export const NO_PROGRESS: Progress = () => {};

/** `terminalProgress(process.stderr)` → a `Progress`, or `NO_PROGRESS` when not a TTY. */
export function terminalProgress(stream: NodeJS.WriteStream): Progress {
  if (!stream.isTTY) return NO_PROGRESS;
  let last = 0;
  return (label, done, total) => {
    const now = Date.now();
    if (done < total && now - last < 100) return;
    last = now;
    const width = 30;
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    stream.write(
      `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round((done / Math.max(total, 1)) * 100)).padStart(3)}% ${label}`.padEnd(
        80
      )
    );
    if (done >= total) stream.write("\r".padEnd(81) + "\r");
  };
}
