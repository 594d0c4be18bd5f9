/**
 * Where `init` (and the task pane's Set up plan) puts the plan tables of the
 * schema: each table on its sheet, side by side from row 1 with one empty
 * column between them, so every table can grow down without meeting the
 * next. Headers, number formats, dropdown lists and input help all come from
 * `schema.ts`.
 */
import { type ColumnSpec, TABLES, type TableSpec } from "./schema";

export const TABLE_STYLE = "TableStyleLight9";
const GAP_COLUMNS = 1;

export interface TablePlacement {
  spec: TableSpec;
  sheet: string;
  /** 1-based row of the header; data starts on the next row. */
  headerRow: number;
  /** 1-based first column. */
  firstColumn: number;
}

/**
 * Placements of all plan tables, in `TABLES` order.
 *
 * `tablePlacements()[0]` → `{ spec: PORTFOLIOS, sheet: "Plan", headerRow: 1, firstColumn: 1 }`;
 * Rates then starts at column 14 (Portfolios has 12 columns, plus one gap).
 */
export function tablePlacements(): TablePlacement[] {
  const next = new Map<string, number>();
  return TABLES.map((spec) => {
    const firstColumn = next.get(spec.sheet) ?? 1;
    next.set(spec.sheet, firstColumn + spec.columns.length + GAP_COLUMNS);
    return { spec, sheet: spec.sheet, headerRow: 1, firstColumn };
  });
}

/** Column width in characters that fits the header and typical values of `column`. */
export function columnWidth(column: ColumnSpec): number {
  const byKind: Record<ColumnSpec["kind"], number> = {
    text: 18,
    date: 12,
    money: 17,
    rate: 10,
    count: 9,
    shares: 16,
    yesno: 9,
    choice: 14,
    month: 9,
  };
  return Math.max(byKind[column.kind], column.header.length + 4);
}

/** Excel data-validation formula for a list: `"Yes,No"` (quoted, comma-separated). */
export function validationFormula(list: readonly string[]): string {
  return `"${list.join(",")}"`;
}
