/**
 * Opens a workbook and reads its plan: the one path every command that takes
 * a FILE goes through. Anything that stops the figures being trustworthy —
 * a file that will not open, merged cells in a table, a missing table or
 * column, or any cell the reader refused — is returned as located problems
 * (exit 2, nothing written): rule12b1 never computes from a hole.
 */
import type ExcelJS from "exceljs";
import { describeSource } from "../engine/exceptions";
import { readPlan, type ReadPlanResult } from "../workbook/readPlan";
import { readWorkbookTables, type WorkbookTables } from "./xlsx/readTables";
import { loadWorkbook } from "./xlsx/workbookFile";

export type LoadedPlan = { ok: true; workbook: ExcelJS.Workbook; tables: WorkbookTables; read: ReadPlanResult } | { ok: false; problems: string[] };

/** `await loadPlan("trust.xlsx")` → `{ ok: true, workbook, tables, read }` or `{ ok: false, problems }`. */
export async function loadPlan(file: string): Promise<LoadedPlan> {
  const loaded = await loadWorkbook(file);
  if (!loaded.ok) return { ok: false, problems: [loaded.problem] };
  const tables = readWorkbookTables(loaded.workbook);
  if (tables.problems.length > 0) return { ok: false, problems: tables.problems };
  const read = readPlan({ tables: tables.tables, dateSystem: tables.dateSystem });
  const inputErrors = read.exceptions.filter((e) => e.rule === "input" && e.severity === "error");
  if (read.unusable || inputErrors.length > 0) {
    return { ok: false, problems: inputErrors.map((e) => (e.source && e.source.row !== undefined ? `${capitalize(describeSource(e.source))}: ${e.message}` : e.message)) };
  }
  return { ok: true, workbook: loaded.workbook, tables, read };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
