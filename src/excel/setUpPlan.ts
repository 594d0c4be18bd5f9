/// <reference types="office-js" />
/**
 * Set up plan (SPEC §4.1): creates the `Plan` and `Net Assets` sheets and the
 * plan tables of the schema (`src/workbook/schema.ts`) with headers, data
 * validation lists, input help and number formats.
 *
 * Never overwrites: an existing table is reused as it is; a missing table goes
 * on its sheet to the right of everything already there. If a sheet of that
 * name exists and was not made by this button, the user is asked first
 * (`confirmed: false` returns the question instead of writing).
 */
import { columnLetters } from "../workbook/cells";
import { TABLES, type TableSpec } from "../workbook/schema";
import type { ExcelRun } from "./excelRun";
import { tableShapes } from "./readWorkbook";

export interface SetUpPlanResult {
  status: "done" | "needs-confirmation";
  /** Tables created now. */
  created: string[];
  /** Tables that were already there and were left alone. */
  reused: string[];
  /** Existing sheets the missing tables would be added to (asked about when not confirmed). */
  existingSheets: string[];
  message: string;
}

const TABLE_STYLE = "TableStyleLight9";
const GAP_COLUMNS = 1;

function quote(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** Where each missing table goes: side by side on its sheet, so tables grow down without meeting. */
function placements(
  missing: readonly TableSpec[],
  firstFreeColumn: Map<string, number>
): { spec: TableSpec; column: number }[] {
  const next = new Map(firstFreeColumn);
  return missing.map((spec) => {
    const column = next.get(spec.sheet) ?? 0;
    next.set(spec.sheet, column + spec.columns.length + GAP_COLUMNS);
    return { spec, column };
  });
}

/**
 * Creates what is missing. `setUpPlan(Excel.run, { confirmed: false })`.
 */
export async function setUpPlan(
  run: ExcelRun,
  options: { confirmed: boolean }
): Promise<SetUpPlanResult> {
  return run(async (context) => {
    const existing = await tableShapes(
      context,
      TABLES.map((t) => t.name)
    );
    const reused = existing.map((shape) => shape.name);
    const missing = TABLES.filter(
      (spec) => !existing.some((shape) => shape.name.toLowerCase() === spec.name.toLowerCase())
    );
    const sheetNames = [...new Set(missing.map((spec) => spec.sheet))];
    const sheets = sheetNames.map((name) => ({
      name,
      sheet: context.workbook.worksheets.getItemOrNullObject(name),
    }));
    await context.sync();
    const used = sheets.map(({ name, sheet }) => ({
      name,
      exists: !sheet.isNullObject,
      range: sheet.isNullObject
        ? null
        : sheet.getUsedRangeOrNullObject(true).load(["columnIndex", "columnCount"]),
    }));
    await context.sync();
    const existingSheets = used.filter((s) => s.exists).map((s) => s.name);
    if (missing.length === 0) {
      return {
        status: "done",
        created: [],
        reused,
        existingSheets,
        message: `All ${reused.length} plan tables are already there; nothing was changed.`,
      };
    }
    if (existingSheets.length > 0 && !options.confirmed) {
      return {
        status: "needs-confirmation",
        created: [],
        reused,
        existingSheets,
        message: `The workbook already has a sheet named ${existingSheets.map((s) => `"${s}"`).join(" and ")}. Add the missing tables (${missing
          .map((s) => s.name)
          .join(", ")}) to the right of what is on it? Nothing on it will be changed.`,
      };
    }
    const firstFree = new Map<string, number>();
    for (const s of used) {
      if (!s.exists) context.workbook.worksheets.add(s.name);
      else if (s.range && !s.range.isNullObject)
        firstFree.set(s.name, s.range.columnIndex + s.range.columnCount + GAP_COLUMNS);
    }
    for (const { spec, column } of placements(missing, firstFree)) {
      const sheet = context.workbook.worksheets.getItem(spec.sheet);
      const width = spec.columns.length;
      const headers = sheet.getRangeByIndexes(0, column, 1, width);
      headers.values = [spec.columns.map((c) => c.header)];
      const address = `${quote(spec.sheet)}!${columnLetters(column + 1)}1:${columnLetters(column + width)}2`;
      const table = sheet.tables.add(address, true);
      table.name = spec.name;
      table.style = TABLE_STYLE;
      spec.columns.forEach((columnSpec, index) => {
        // The data body's first row: Excel carries a table column's format and validation to the rows added below.
        const cell = sheet.getRangeByIndexes(1, column + index, 1, 1);
        if (columnSpec.numberFormat) cell.numberFormat = [[columnSpec.numberFormat]];
        if (columnSpec.validationList) {
          cell.dataValidation.rule = {
            list: { inCellDropDown: true, source: columnSpec.validationList.join(",") },
          };
          // A choice column refuses anything else; Category only warns, since "(d)" is read as d.
          const style = columnSpec.kind === "text" ? "Information" : "Stop";
          cell.dataValidation.errorAlert = {
            showAlert: true,
            style,
            title: columnSpec.header,
            message: `Choose one of: ${columnSpec.validationList.join(", ")}.`,
          };
        }
        cell.dataValidation.prompt = {
          showPrompt: true,
          title: columnSpec.header,
          message: columnSpec.help.slice(0, 255),
        };
        sheet.getRangeByIndexes(0, column + index, 1, 1).format.columnWidth = Math.max(
          60,
          Math.min(200, columnSpec.header.length * 8 + 24)
        );
      });
    }
    // Only sheets made now get frozen headers: an existing sheet's view is the user's.
    for (const s of used)
      if (!s.exists) context.workbook.worksheets.getItem(s.name).freezePanes.freezeRows(1);
    await context.sync();
    const created = missing.map((s) => s.name);
    return {
      status: "done",
      created,
      reused,
      existingSheets,
      message: `Created ${created.join(", ")}${reused.length ? `; kept ${reused.join(", ")} as they were` : ""}.`,
    };
  });
}

/** True when the workbook has at least one plan table (else every button but Set up plan has nothing to work on). */
export async function hasPlanTables(run: ExcelRun): Promise<boolean> {
  return run(
    async (context) =>
      (
        await tableShapes(
          context,
          TABLES.map((t) => t.name)
        )
      ).length > 0
  );
}
