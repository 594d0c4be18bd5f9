/// <reference types="office-js" />
/**
 * "Copy findings to a sheet" (SPEC §4 "Findings you can act on"): the findings of the last
 * Check compliance as an Excel table on the sheet `12b-1 Findings` — one row per finding,
 * errors first, with its plan section and where it is — so they can be sorted, filtered,
 * assigned and kept. The sheet is the add-in's own: copying again replaces it, never a second
 * one. Text is written as text, never as a formula (`asText`).
 */
import { isoDate } from "../engine/calendar";
import { type PlanException, RULES } from "../engine/exceptions";
import { columnLetters } from "../workbook/cells";
import type { ExcelRun } from "./excelRun";
import { asText } from "./payload";

export const FINDINGS_SHEET = "12b-1 Findings";
export const FINDINGS_TABLE = "Findings";
export const FINDINGS_HEADERS = [
  "Severity",
  "Rule",
  "Plan section",
  "Portfolio",
  "Date",
  "Finding",
  "Where",
] as const;

const SEVERITY = { error: "Error", warning: "Warning", info: "Note" } as const;
const WIDTHS_POINTS = [56, 180, 70, 120, 72, 420, 110];

/**
 * The table's rows, as they are written.
 *
 * A 0.75% rate in Rates row 1 (cell Q2 of Plan) →
 * `["Error", "Rate above the ceiling", "Plan §1", "Growth", "2024-12-02", "Growth: …", "Plan!Q2"]`.
 */
export function findingRows(findings: readonly PlanException[]): string[][] {
  return findings.map((f) => [
    SEVERITY[f.severity],
    RULES[f.rule]?.title ?? f.rule,
    RULES[f.rule]?.section ?? "",
    asText(f.portfolio ?? ""),
    f.date === null ? "" : isoDate(f.date),
    asText(f.message),
    f.source?.address
      ? `${f.source.sheet ? `${f.source.sheet}!` : ""}${f.source.address}`
      : f.source
        ? `${f.source.table} table`
        : "",
  ]);
}

/** Writes the findings table; returns a sentence for the pane. `copyFindings(Excel.run, findings)`. */
export async function copyFindings(
  run: ExcelRun,
  findings: readonly PlanException[]
): Promise<string> {
  const rows = findingRows(findings);
  return run(async (context) => {
    const old = context.workbook.worksheets.getItemOrNullObject(FINDINGS_SHEET);
    await context.sync();
    if (!old.isNullObject) old.delete();
    const sheet = context.workbook.worksheets.add(FINDINGS_SHEET);
    const width = FINDINGS_HEADERS.length;
    const body = rows.length > 0 ? rows : [FINDINGS_HEADERS.map(() => "")];
    sheet.getRangeByIndexes(0, 0, 1, width).values = [[...FINDINGS_HEADERS]];
    sheet.getRangeByIndexes(1, 0, body.length, width).values = body;
    const table = sheet.tables.add(
      `'${FINDINGS_SHEET}'!A1:${columnLetters(width)}${body.length + 1}`,
      true
    );
    table.name = FINDINGS_TABLE;
    table.style = "TableStyleLight9";
    WIDTHS_POINTS.forEach(
      (points, column) => (sheet.getRangeByIndexes(0, column, 1, 1).format.columnWidth = points)
    );
    sheet.freezePanes.freezeRows(1);
    sheet.activate();
    await context.sync();
    return `${rows.length.toLocaleString("en-US")} ${rows.length === 1 ? "finding" : "findings"} copied to the table ${FINDINGS_TABLE} on the sheet "${FINDINGS_SHEET}" (replaced on each copy).`;
  });
}
