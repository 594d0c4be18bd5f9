/**
 * The data behind the in-memory Excel stand-in: sheets of cells, tables,
 * validation, conditional formats, charts, settings. Plain state that a test
 * can set up and inspect directly; the office-js-like proxies that an add-in
 * sees are in excelStandIn.ts. No Node or DOM APIs: the same code is bundled
 * into the browser test.
 */

export type StandInValue = number | string | boolean;

export interface StandInCell {
  value: StandInValue;
  /** The formula as typed ("=SUM(B2:B4)"), or undefined for a constant. */
  formula?: string;
  numberFormat?: string;
}

export interface StandInTable {
  name: string;
  /** 0-based sheet row of the header row. */
  top: number;
  left: number;
  /** Header + data rows (+ the totals row when `totalsRow`). */
  rowCount: number;
  columnCount: number;
  style?: string;
  /** Table Design → Total Row: the last of `rowCount` is the totals row (Excel's `showTotals`). */
  totalsRow?: boolean;
}

export interface StandInValidation {
  row: number;
  column: number;
  rows: number;
  columns: number;
  rule: unknown;
  prompt?: unknown;
  errorAlert?: unknown;
}

export interface StandInConditionalFormat {
  row: number;
  column: number;
  rows: number;
  columns: number;
  type: string;
  formula?: string;
  fill?: string;
  fontColor?: string;
}

export interface StandInChart {
  name: string;
  type: string;
  title?: string;
  /** Source address, e.g. "B5:C13". */
  source: string;
  seriesBy: string;
  /** Category labels address (`series.setXAxisValues`), when set. */
  categories?: string;
  /** Top-left and bottom-right cells of `setPosition`. */
  position?: [string, string | undefined];
  legendVisible?: boolean;
}

export class StandInSheet {
  readonly cells = new Map<string, StandInCell>();
  readonly tables: StandInTable[] = [];
  readonly validations: StandInValidation[] = [];
  readonly conditionalFormats: StandInConditionalFormat[] = [];
  readonly charts: StandInChart[] = [];
  readonly merges: string[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly fills = new Map<string, string>();
  readonly bold = new Set<string>();
  /** Format properties per cell ("row,column" → { bold, italic, size, fontColor, fill, horizontalAlignment, wrapText, indentLevel, borderTop, … }). */
  readonly styles = new Map<string, Record<string, unknown>>();
  readonly rowHeights = new Map<number, number>();
  /** Cell notes (ExcelApi 1.18), "row,column" (0-based) → content. */
  readonly notes = new Map<string, string>();
  /** Threaded comments (ExcelApi 1.10), "row,column" (0-based) → content. */
  readonly comments = new Map<string, string>();
  pageLayout: Record<string, unknown> = {};
  /** Manual page breaks (ExcelApi 1.9 horizontalPageBreaks): the address of the row each starts, e.g. "A40". */
  readonly pageBreaks: string[] = [];
  frozenRows = 0;
  showGridlines = true;
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  constructor(public name: string) {}

  cell(row: number, column: number): StandInCell | undefined {
    return this.cells.get(`${row},${column}`);
  }

  setCell(row: number, column: number, cell: StandInCell | undefined): void {
    const key = `${row},${column}`;
    if (
      cell === undefined ||
      (cell.value === "" && cell.formula === undefined && cell.numberFormat === undefined)
    )
      this.cells.delete(key);
    else this.cells.set(key, cell);
  }

  /** Format properties recorded for one cell (empty object when none). */
  style(row: number, column: number): Record<string, unknown> {
    return this.styles.get(`${row},${column}`) ?? {};
  }

  /** Records `property` = `value` on every cell of an area (areas over 100,000 cells are not recorded cell by cell). */
  setStyle(
    area: { row: number; column: number; rows: number; columns: number },
    property: string,
    value: unknown
  ): void {
    if (area.rows * area.columns > 100_000) return;
    for (let r = area.row; r < area.row + area.rows; r += 1)
      for (let c = area.column; c < area.column + area.columns; c += 1) {
        const key = `${r},${c}`;
        this.styles.set(key, { ...this.styles.get(key), [property]: value });
      }
  }

  /** Value shown in a cell ("" when empty). */
  value(row: number, column: number): StandInValue {
    return this.cell(row, column)?.value ?? "";
  }

  /** The last used row and column (0-based), or null for an empty sheet. */
  usedExtent(): { lastRow: number; lastColumn: number } | null {
    let lastRow = -1;
    let lastColumn = -1;
    for (const key of this.cells.keys()) {
      const [r, c] = key.split(",").map(Number) as [number, number];
      lastRow = Math.max(lastRow, r);
      lastColumn = Math.max(lastColumn, c);
    }
    for (const table of this.tables) {
      lastRow = Math.max(lastRow, table.top + table.rowCount - 1);
      lastColumn = Math.max(lastColumn, table.left + table.columnCount - 1);
    }
    return lastRow < 0 ? null : { lastRow, lastColumn };
  }
}

/** A workbook: what the stand-in's proxies read and write at `sync`. */
export class StandInWorkbook {
  readonly sheets: StandInSheet[] = [];
  readonly settings = new Map<string, unknown>();
  /** Workbook-scoped defined names: name → reference ("='Net Assets'!$D$1:$I$1"). */
  readonly names = new Map<string, string>();
  activeSheet: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  /** The file name `workbook.name` gives (ExcelApi 1.7). */
  name = "Book1.xlsx";
  /** Milliseconds each `sync` takes, as a round trip to Excel does (0: at once); the pane tests slow it to see progress and Cancel. */
  syncDelayMs = 0;
  constructor(public dateSystem: "1900" | "1904" = "1900") {}

  sheet(name: string): StandInSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  addSheet(name: string): StandInSheet {
    if (this.sheet(name)) throw new Error(`a sheet named ${name} already exists`);
    const sheet = new StandInSheet(name);
    this.sheets.push(sheet);
    return sheet;
  }

  table(name: string): { sheet: StandInSheet; table: StandInTable } | undefined {
    for (const sheet of this.sheets) {
      const table = sheet.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
      if (table) return { sheet, table };
    }
    return undefined;
  }

  /**
   * Adds a table with headers and rows (test setup, no payload counted).
   * `addTable("Net Assets", "NetAssets", "A1", ["Date", …], rows)`.
   */
  addTable(
    sheetName: string,
    name: string,
    topLeft: string,
    headers: readonly string[],
    rows: readonly (readonly StandInValue[])[]
  ): StandInTable {
    const sheet = this.sheet(sheetName) ?? this.addSheet(sheetName);
    const { row, column } = parseAddress(topLeft);
    headers.forEach((header, c) => sheet.setCell(row, column + c, { value: header }));
    rows.forEach((values, r) =>
      values.forEach((value, c) => sheet.setCell(row + 1 + r, column + c, { value }))
    );
    const table: StandInTable = {
      name,
      top: row,
      left: column,
      rowCount: rows.length + 1,
      columnCount: headers.length,
    };
    sheet.tables.push(table);
    return table;
  }

  /** Values of a table's data rows (test inspection). */
  tableRows(name: string): StandInValue[][] {
    const found = this.table(name);
    if (!found) throw new Error(`no table ${name}`);
    const { sheet, table } = found;
    const rows: StandInValue[][] = [];
    for (let r = 1; r < table.rowCount - (table.totalsRow ? 1 : 0); r += 1) {
      const row: StandInValue[] = [];
      for (let c = 0; c < table.columnCount; c += 1)
        row.push(sheet.value(table.top + r, table.left + c));
      rows.push(row);
    }
    return rows;
  }

  tableHeaders(name: string): StandInValue[] {
    const found = this.table(name);
    if (!found) throw new Error(`no table ${name}`);
    const { sheet, table } = found;
    return Array.from({ length: table.columnCount }, (_, c) =>
      sheet.value(table.top, table.left + c)
    );
  }
}

/** "A" → 0, "AA" → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0 → "A". */
export function columnName(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export interface Area {
  sheet?: string;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** "'Net Assets'!B2:D9", "A1" → a 0-based area. Whole columns ("D:D") span 1,048,576 rows. */
export function parseAddress(address: string): Area {
  let sheet: string | undefined;
  let rest = address;
  const bang = address.lastIndexOf("!");
  if (bang >= 0) {
    sheet = address
      .slice(0, bang)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'");
    rest = address.slice(bang + 1);
  }
  const parts = rest.replace(/\$/g, "").split(":");
  const corner = (text: string) => {
    const match = /^([A-Za-z]*)(\d*)$/.exec(text);
    if (!match) throw new Error(`InvalidArgument: bad address ${address}`);
    return {
      column: match[1] ? columnIndex(match[1]) : null,
      row: match[2] ? Number(match[2]) - 1 : null,
    };
  };
  const a = corner(parts[0]!);
  const b = corner(parts[1] ?? parts[0]!);
  const row = a.row ?? 0;
  const column = a.column ?? 0;
  const lastRow = b.row ?? 1_048_575;
  const lastColumn = b.column ?? 16_383;
  return {
    ...(sheet !== undefined ? { sheet } : {}),
    row,
    column,
    rows: lastRow - row + 1,
    columns: lastColumn - column + 1,
  };
}

/** 0-based area → "B2:D9" (or "B2" for one cell). */
export function formatAddress(area: Omit<Area, "sheet">): string {
  const first = `${columnName(area.column)}${area.row + 1}`;
  if (area.rows === 1 && area.columns === 1) return first;
  return `${first}:${columnName(area.column + area.columns - 1)}${area.row + area.rows}`;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
