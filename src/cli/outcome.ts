/**
 * What a command hands back to the boundary: an exit code, lines for a
 * person, and plain data for `--json`. Handlers never call `process.exit`.
 *
 * Exit codes: 0 done; 1 `check` found errors; 2 the input cannot be used
 * (unreadable file, missing table or column, merged cells, bad option) or a
 * file-system condition stopped the run (a full disk, a read-only folder,
 * the workbook in use by another run) — and then the file being written was
 * left as it was. Exit 3 (set by `cli.ts`) is for bugs alone.
 */
export type ExitCode = 0 | 1 | 2;

export interface Outcome {
  command: string;
  exitCode: ExitCode;
  /** Human-readable lines (the summary table included). */
  lines: string[];
  /** Files written, in order. */
  written: string[];
  /** Machine-readable result for `--json`. */
  data: Record<string, unknown>;
}

/** An outcome for input that cannot be used: `unusable("check", ['Sheet "Plan", table Rates: …'])`. */
export function unusable(command: string, problems: readonly string[]): Outcome {
  return {
    command,
    exitCode: 2,
    lines: ["Cannot use this input; nothing was written:", ...problems.map((p) => `  - ${p}`)],
    written: [],
    data: { problems },
  };
}

/**
 * An outcome for a run a file-system condition stopped, with the sentence
 * (`FileProblem`) and the files completed before it (demo writes several):
 * `stoppedByFileSystem("report", "Cannot write out/report.xlsx: the disk is full.")`.
 */
export function stoppedByFileSystem(
  command: string,
  sentence: string,
  written: readonly string[] = []
): Outcome {
  return {
    command,
    exitCode: 2,
    lines: [
      sentence,
      written.length > 0
        ? `Written before it stopped: ${written.join(", ")}. Nothing else was changed.`
        : "Nothing was changed.",
    ],
    written: [...written],
    data: { problems: [sentence] },
  };
}
