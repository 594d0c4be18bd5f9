/// <reference types="office-js" />
/**
 * "Load sample plan" (SPEC §4 "Getting started", added 2026-12-06): the runner's demo trust
 * (`sampleTrust`, the same seeded rows `rule12b1 demo` writes: five portfolios, business-day
 * NAVs from late 2022 to November 2026, votes, agreements, expenditures, payments) written
 * into the plan tables of this workbook, so a new user can press every button on real-looking
 * data. Missing tables are made by Set up plan first; when plan tables already hold rows the
 * user is asked first, since their rows are replaced. Columns are matched by header, so a
 * table with its columns moved or extra columns still gets each value in its own column.
 */
import { sampleTrust } from "../cli/demo/sampleTrust";
import { type CellValue, columnLetters } from "../workbook/cells";
import { normalizeHeader, TABLES, tableSpec } from "../workbook/schema";
import type { ExcelRun } from "./excelRun";
import { type Progress, NO_PROGRESS } from "./progress";
import { tableShapes, type TableShape } from "./readWorkbook";
import { setUpPlan } from "./setUpPlan";
import { type CellInput, writeBlock } from "./writeChunks";

export interface LoadSampleResult {
  status: "done" | "needs-confirmation";
  message: string;
}

/**
 * The sample's rows of one table laid out under `headers` (schema columns by header; other
 * columns blank). `rowsUnder(["Portfolio", "Notes", "Plan effective"], portfoliosSpec, rows)`.
 */
export function rowsUnder(
  headers: readonly string[],
  schemaHeaders: readonly string[],
  rows: readonly (readonly CellValue[])[]
): CellInput[][] {
  const at = headers.map((h) =>
    schemaHeaders.findIndex((s) => normalizeHeader(s) === normalizeHeader(h))
  );
  return rows.map((row) =>
    at.map((index) => {
      const value = index < 0 ? null : row[index];
      return typeof value === "number" || typeof value === "string" || typeof value === "boolean"
        ? value
        : "";
    })
  );
}

/** Writes the sample trust. `loadSamplePlan(Excel.run, { confirmed: false })`. */
export async function loadSamplePlan(
  run: ExcelRun,
  options: { confirmed: boolean; progress?: Progress }
): Promise<LoadSampleResult> {
  const names = TABLES.map((t) => t.name);
  // Tables that hold anything: the blank first row Set up plan leaves is not the user's data.
  const filled = await run(async (context) => {
    const shapes = await tableShapes(context, names);
    const used = shapes.map((shape) => ({
      shape,
      used:
        shape.rowCount === 0
          ? null
          : context.workbook.worksheets
              .getItem(shape.sheet)
              .getRangeByIndexes(
                shape.headerRow + 1,
                shape.firstColumn,
                shape.rowCount,
                shape.columnCount
              )
              .getUsedRangeOrNullObject(true),
    }));
    await context.sync();
    return used.filter(({ used }) => used && !used.isNullObject).map(({ shape }) => shape);
  });
  if (filled.length > 0 && !options.confirmed)
    return {
      status: "needs-confirmation",
      message: `This workbook's plan tables already hold rows (${filled.map((s) => s.name).join(", ")}). Load sample plan replaces them with the sample trust's rows; Excel cannot undo this. Replace them?`,
    };
  const setUp = await setUpPlan(run, { confirmed: true });
  const sample = sampleTrust();
  let total = 0;
  await run(async (context) => {
    const shapes: TableShape[] = await tableShapes(context, names);
    for (const shape of shapes) {
      const spec = tableSpec(shape.name as (typeof names)[number]);
      const rows = rowsUnder(
        shape.headers,
        spec.columns.map((c) => c.header),
        sample[spec.name]
      );
      const sheet = context.workbook.worksheets.getItem(shape.sheet);
      if (shape.rowCount > 0)
        sheet
          .getRangeByIndexes(
            shape.headerRow + 1,
            shape.firstColumn,
            shape.rowCount,
            shape.columnCount
          )
          .clear("Contents");
      const formats = shape.headers.map(
        (h) =>
          spec.columns.find((c) => normalizeHeader(c.header) === normalizeHeader(h))
            ?.numberFormat ?? "General"
      );
      if (rows.length > 0)
        await writeBlock(
          context,
          {
            sheet: shape.sheet,
            row: shape.headerRow + 1,
            column: shape.firstColumn,
            rows,
            as: "values",
            numberFormats: formats,
            label: `Writing the sample's ${shape.name}`,
          },
          options.progress ?? NO_PROGRESS
        );
      const last = shape.headerRow + 1 + Math.max(rows.length, 1);
      context.workbook.tables
        .getItem(shape.name)
        .resize(
          `'${shape.sheet.replace(/'/g, "''")}'!${columnLetters(shape.firstColumn + 1)}${shape.headerRow + 1}:${columnLetters(shape.firstColumn + shape.columnCount)}${last}`
        );
      total += rows.length;
    }
    await context.sync();
  });
  const created = setUp.created.length ? ` (tables created: ${setUp.created.join(", ")})` : "";
  return {
    status: "done",
    message: `Wrote the sample trust: ${total.toLocaleString("en-US")} rows in the plan tables${created} — five portfolios, daily NAVs from late 2022 to November 2026, with a lapse, a breach and other findings to discover. Press Compute accruals, then Check compliance.`,
  };
}
