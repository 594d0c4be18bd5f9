/// <reference types="office-js" />
/**
 * Compute accruals on a selected range (issue 3): when the workbook has no
 * `NetAssets` table, or the user picks "Selected range", the pane reads the
 * selection (`readSelection`), lets the user map its header cells to Date,
 * Portfolio and Class B net assets (`rangeMapping.ts`), and
 * `computeAccrualsOnRange` reads the other plan tables plus the mapped range
 * through the same `readPlan` / `evaluatePlan` / `accrualColumns` path as
 * the table, and writes the six accrual columns right of the selection:
 *
 * - the same headers, formats and own-column marker (`rule12b1_AccrualColumns`)
 *   as the table path, so a re-run rewrites them in place;
 * - a non-empty cell in the way that rule12b1 did not write is not written
 *   over unless the user confirms (`overwrite: true`);
 * - values only: the live formulas of "formulas" mode are structured
 *   references into the NetAssets table, which a plain range does not have.
 */
import { evaluatePlan } from "../engine/evaluatePlan";
import { describeSource } from "../engine/exceptions";
import {
  ACCRUAL_FORMATS,
  ACCRUAL_HEADERS,
  accrualAuditNote,
  accrualColumns,
} from "../workbook/accrualColumns";
import { NET_ASSETS, normalizeHeader, PORTFOLIOS, TABLES } from "../workbook/schema";
import { address, letters } from "../workbook/sheetLayout";
import { loadMarker, queueMarker } from "./accrualMarker";
import { gatherAuditFacts, preparedAtNow, writeAuditNote } from "./auditFacts";
import {
  type ComputeAccrualsOptions,
  type ComputeAccrualsResult,
  HEADER_WIDTHS_POINTS,
  outcome,
} from "./computeAccruals";
import type { ExcelRun } from "./excelRun";
import { Cancelled, computing, NO_PROGRESS } from "./progress";
import {
  headerTexts,
  inputColumnCount,
  mappingProblem,
  parseRangeAddress,
  type RangeArea,
  type RangeMapping,
  rangeTableData,
  suggestMapping,
} from "./rangeMapping";
import {
  detectDateSystem,
  mergeProblems,
  readTableRows,
  REFUSED,
  tableData,
  type TableShape,
  tableShapes,
  usablePlan,
} from "./readWorkbook";
import { queueSetting, SETTING_KEYS } from "./settings";
import {
  navColumns,
  type WideMapping,
  wideCells,
  wideHeaders,
  looksWide,
  suggestWide,
  wideInputCount,
  wideProblem,
  wideTableData,
} from "./wideMapping";

/** True for the mapping of a wide selection (a Date column and one NAV column per portfolio). */
export function isWide(mapping: RangeMapping | WideMapping): mapping is WideMapping {
  return Array.isArray((mapping as WideMapping).portfolios);
}
import { type CellInput, keepAside, restoreBlock, writeBlock } from "./writeChunks";

/** What the mapping step shows: the selection's address, header cells, data rows and the pre-filled mapping. */
export interface SelectionInfo {
  address: string;
  headers: string[];
  /** Data rows (without the header row). */
  rowCount: number;
  suggested: RangeMapping;
  /** The portfolios of the Portfolios table, for naming wide NAV columns. */
  portfolios: string[];
  /** The wide mapping pre-filled (Date by name, NAV columns by portfolio name). */
  suggestedWide: WideMapping;
  /** True when the headers look wide: no Portfolio column, some header a portfolio's name. */
  looksWide: boolean;
}

/** True when the workbook has a `NetAssets` table (the pane's default source). */
export async function hasNetAssetsTable(run: ExcelRun): Promise<boolean> {
  return run(async (context) => (await tableShapes(context, [NET_ASSETS.name])).length > 0);
}

/** The current selection: its address, header row (first row) and size; loads only the header row's values. */
export async function readSelection(run: ExcelRun): Promise<SelectionInfo> {
  return run(async (context) => {
    const range = context.workbook.getSelectedRange().load(["address", "rowCount", "columnCount"]);
    const header = range.getRow(0).load("values");
    await context.sync();
    const headers = headerTexts(header.values[0] ?? []);
    const portfolios = await portfolioNames(context);
    const wideHeaders = headers.slice(0, wideInputCount(headers));
    return {
      address: range.address,
      headers,
      rowCount: Math.max(0, range.rowCount - 1),
      suggested: suggestMapping(headers.slice(0, inputColumnCount(headers))),
      portfolios,
      suggestedWide: suggestWide(wideHeaders, portfolios),
      looksWide: looksWide(wideHeaders, portfolios),
    };
  });
}

/** The names in the Portfolios table's Portfolio column (none when there is no such table). */
async function portfolioNames(context: Excel.RequestContext): Promise<string[]> {
  const shape = (await tableShapes(context, [PORTFOLIOS.name]))[0];
  if (!shape) return [];
  const column = shape.headers.findIndex(
    (h) => normalizeHeader(h) === normalizeHeader("Portfolio")
  );
  if (column < 0) return [];
  const rows = await readTableRows(context, shape);
  return [
    ...new Set(rows.map((r) => String(r[column] ?? "").trim()).filter((name) => name !== "")),
  ];
}

/** The selection as a `TableShape` (the NetAssets placement the audit note and `readTableRows` use), input columns only. */
function shapeOf(area: RangeArea, headers: readonly string[], wide: boolean): TableShape {
  const width = Math.min(inputColumnCount(headers), wide ? wideInputCount(headers) : Infinity);
  return {
    sheet: area.sheet,
    name: NET_ASSETS.name,
    headers: headers.slice(0, width),
    headerRow: area.row,
    firstColumn: area.column,
    rowCount: area.rows - 1,
    columnCount: width,
  };
}

/**
 * Computes the accruals of the mapped range at `rangeAddress` (as
 * `readSelection` gave it) and writes them right of its input columns.
 * `computeAccrualsOnRange(Excel.run, "'NAV'!A1:C200", { Date: 0, Portfolio: 1, "Class B net assets": 2 }, { mode: "values", overwrite: false, asOf })`.
 */
export async function computeAccrualsOnRange(
  run: ExcelRun,
  rangeAddress: string,
  mapping: RangeMapping | WideMapping,
  options: ComputeAccrualsOptions
): Promise<ComputeAccrualsResult> {
  const progress = options.progress ?? NO_PROGRESS;
  const wide = isWide(mapping) ? mapping : null;
  const area = parseRangeAddress(rangeAddress);
  if (!area || area.rows < 1)
    return outcome(
      "unusable",
      `The selection ${rangeAddress} is not one block of cells: select the NAV data with its header row.`
    );
  let read;
  try {
    read = await run(async (context) => {
      const header = context.workbook.worksheets
        .getItem(area.sheet)
        .getRangeByIndexes(area.row, area.column, 1, area.columns)
        .load("values");
      await context.sync();
      const headers = headerTexts(header.values[0] ?? []);
      const problem = wide
        ? wideProblem(headers.slice(0, wideInputCount(headers)), wide, area.rows - 1)
        : mappingProblem(headers, mapping as RangeMapping, area.rows - 1);
      if (problem) return { problem };
      const dateSystem = await detectDateSystem(context);
      const others = await tableShapes(
        context,
        TABLES.filter((t) => t.name !== NET_ASSETS.name).map((t) => t.name)
      );
      const tables = [];
      for (const shape of others)
        tables.push(tableData(shape, await readTableRows(context, shape, progress)));
      const shape = shapeOf(area, headers, wide !== null);
      const rows = await readTableRows(context, shape, progress);
      const long = wide ? wideTableData(area, rows, wide) : null;
      tables.push(long ? long.table : rangeTableData(area, headers, rows, mapping as RangeMapping));
      const problems = await mergeProblems(context, [...others, shape]);
      return {
        problem: null,
        dateSystem,
        tables,
        shape,
        shapes: [...others, shape],
        problems,
        placements: long?.placements ?? [],
      };
    });
  } catch (error) {
    if (error instanceof Cancelled)
      return outcome("cancelled", "Stopped before anything was written.");
    throw error;
  }
  if (read.problem !== null) return outcome("unusable", `${read.problem} Nothing was written.`);
  const { shape, shapes } = read;
  // The runner's gate (src/workbook/usablePlan.ts), as for the NetAssets table.
  // A selected range is no table: its findings are named by cell (a wide range's rows are not table rows).
  const usable = usablePlan(read, (source) =>
    source.table === NET_ASSETS.name && source.address
      ? `sheet "${source.sheet}", cell ${source.address} of the selected range`
      : describeSource(source)
  );
  if (!usable.ok) return outcome("unusable", REFUSED, { problems: usable.refusals });
  const { plan, portfoliosWithBadNetAssets, exceptions } = usable.read;
  await computing(progress);
  const evaluation = evaluatePlan(plan, { asOf: options.asOf, portfoliosWithBadNetAssets });
  // Wide form: one block of six columns per portfolio, in the order of the NAV columns.
  const blocks = wide ? navColumns(wide).length : 1;
  const figures = wide
    ? wideCells(
        accrualColumns(plan, evaluation, read.placements.length, exceptions),
        read.placements,
        shape.rowCount,
        blocks
      )
    : accrualColumns(plan, evaluation, shape.rowCount, exceptions);
  const cells: CellInput[][] = figures.map((row) => row.map((cell) => cell ?? ""));
  const accrualHeaders = wide ? wideHeaders(wide) : [...ACCRUAL_HEADERS];
  const formats = Array.from({ length: blocks }, () => ACCRUAL_FORMATS).flat();
  const widths = Array.from({ length: blocks }, () => HEADER_WIDTHS_POINTS).flat();
  const width = accrualHeaders.length;
  const left = shape.firstColumn + shape.columnCount;
  const columnsText = `${letters(left + 1)}:${letters(left + width)}`;
  const preparedAt = options.preparedAt ?? preparedAtNow();

  return run(async (context) => {
    const marker = loadMarker(context);
    const sheet = context.workbook.worksheets.getItem(shape.sheet);
    const headerNow = sheet
      .getRangeByIndexes(shape.headerRow, shape.firstColumn, 1, shape.columnCount)
      .load("values");
    const inTheWay = sheet
      .getRangeByIndexes(shape.headerRow, left, shape.rowCount + 1, width)
      .getUsedRangeOrNullObject(true)
      .load("address");
    await context.sync();
    if (headerTexts(headerNow.values[0] ?? []).join("|") !== shape.headers.join("|")) {
      return outcome(
        "unusable",
        `The header row of ${rangeAddress} changed while the accruals were being computed. Nothing was written; press Compute accruals again.`
      );
    }
    const place = marker.place();
    const ours =
      place !== null &&
      place.sheet === shape.sheet &&
      place.row === shape.headerRow &&
      place.column === left;
    if (!ours && !options.overwrite && !inTheWay.isNullObject) {
      return outcome(
        "needs-confirmation",
        `Columns ${columnsText} of sheet "${shape.sheet}" already hold data that rule12b1 did not write (${inTheWay.address}). Write the accrual columns over it?`,
        {
          conflicts: [inTheWay.address],
        }
      );
    }
    const headers = sheet.getRangeByIndexes(shape.headerRow, left, 1, width);
    headers.values = [accrualHeaders];
    headers.format.font.bold = true;
    if (!ours)
      widths.forEach(
        (points, i) =>
          (sheet.getRangeByIndexes(shape.headerRow, left + i, 1, 1).format.columnWidth = points)
      );
    queueSetting(context, SETTING_KEYS.accrualMode, options.mode);
    if (!ours) {
      queueMarker(context, marker.exists(), shape.sheet, shape.headerRow, left);
    }
    await context.sync();
    const previous = await keepAside(
      context,
      shape.sheet,
      shape.headerRow + 1,
      left,
      shape.rowCount,
      width
    );
    try {
      const written = await writeBlock(
        context,
        {
          sheet: shape.sheet,
          row: shape.headerRow + 1,
          column: left,
          rows: cells,
          as: "values",
          numberFormats: formats,
          label: "Writing accruals",
        },
        progress
      );
      const audit = await gatherAuditFacts(context, {
        plan,
        shapes,
        preparedAt,
        preparedBy: options.preparedBy,
      });
      const auditNote = await writeAuditNote(
        context,
        shape.sheet,
        shape.headerRow,
        left,
        accrualAuditNote(audit)
      );
      const headerCell = `'${shape.sheet.replace(/'/g, "''")}'!${address(shape.headerRow + 1, left + 1)}`;
      const how =
        options.mode === "formulas"
          ? " Written as values: live formulas need the NetAssets table (they refer to its columns by name)."
          : "";
      const trail =
        auditNote === "none"
          ? " This Excel has neither notes nor comments for add-ins, so the audit trail was not put on the Days header."
          : ` The audit trail (who, when, NAV rows used) is in the ${auditNote} on ${headerCell}.`;
      return outcome(
        "done",
        `Wrote ${written.toLocaleString("en-US")} rows of accruals to columns ${columnsText} of "${shape.sheet}", next to ${rangeAddress}.${how}${trail}`,
        { rowsWritten: written, auditNote }
      );
    } catch (error) {
      if (!(error instanceof Cancelled)) throw error;
      // The cells go back to what they were (the previous accruals of a re-run).
      await restoreBlock(context, {
        sheet: shape.sheet,
        row: shape.headerRow + 1,
        column: left,
        rows: previous,
      });
      return outcome(
        "cancelled",
        ours
          ? "The accrual columns were put back as they were before this run."
          : "No accruals were written; the cells under the new headers are as they were."
      );
    }
  });
}
