/**
 * Which sheet named like a report is the add-in's own (issue 22): one whose
 * A1 holds the title the add-in writes there (`reportLayout.ts`,
 * `annualLayout.ts`, `journalLayout.ts`, `reportAuditTrail.ts`, PRELIMINARY or not). Only such a sheet is replaced by a
 * new report; a person's own sheet of that name ("12b-1 Report 2026-Q3" with
 * their notes) is kept, and the report goes under the next free name. Both
 * adapters decide by these two functions: the runner (src/cli/commands/
 * reportSheets.ts) and the pane (src/excel/writeReport.ts).
 */

/** Excel's longest sheet name. */
const MAX_SHEET_NAME = 31;

/**
 * Whether `a1`, the value of a sheet's cell A1, is a report title the add-in writes.
 *
 * `writtenByRule12b1("Rule 12b-1 Class B Distribution Plan — quarterly report to the Board, 2026 Q3")` → true;
 * `writtenByRule12b1("My notes on Q3")` → false
 */
export function writtenByRule12b1(a1: unknown): boolean {
  return (
    typeof a1 === "string" &&
    /^(PRELIMINARY — )?(Rule 12b-1 Class B Distribution Plan — (quarterly report to the Board|Form N-1A Item 19\(g\) table|journal entries), |rule12b1 audit trail: )/.test(
      a1
    )
  );
}

/**
 * The first of `name`, "name (2)", "name (3)" … that no sheet in `taken`
 * bears (compared without case, as Excel does), within 31 characters.
 *
 * `freeSheetName("12b-1 Report 2026-Q3", ["12b-1 Report 2026-Q3"])` → "12b-1 Report 2026-Q3 (2)"
 */
export function freeSheetName(name: string, taken: readonly string[]): string {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const candidate = `${name.slice(0, MAX_SHEET_NAME - suffix.length)}${suffix}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/**
 * The sentence for a person's sheet kept: `keptSheetLine("12b-1 Report 2026-Q3", "12b-1 Report 2026-Q3 (2)")`.
 */
export function keptSheetLine(kept: string, used: string): string {
  return `Sheet "${kept}" was not written by rule12b1 (its A1 is not a report title), so it was kept as it is; the report is in sheet "${used}".`;
}
