/**
 * A NetAssets row as the workbook layer reads it: its net assets kept in
 * whole cents when the cell is the double nearest a whole number of cents, and
 * turned into a decimal.js number only when something reads `netAssets`
 * (issue 24: a decimal per NAV row was a seventh of reading the plan, while
 * the exact fast paths only need the cents). To every reader it is a
 * `NetAssetsRow`: `netAssets` is the same decimal `parseMoney` gives. Being
 * getters, it and `source` are not own properties: copy a row with its
 * fields named, not with `{ ...row }`.
 */
import { type Decimal, decimalFromCents } from "../engine/decimal";
import type { SourceRef } from "../engine/exceptions";
import type { Day } from "../engine/calendar";
import type { NetAssetsRow } from "../engine/plan";
import { NET_ASSETS } from "./schema";
import { rowSource, type TablePlace } from "./tableRows";

/**
 * `new CentsNetAssetsRow(day("2025-01-02"), "Growth", 206849, source).netAssets` → 2068.49;
 * `new CentsNetAssetsRow(d, "Growth", new Decimal("0.13"), source).netAssetsCents` → undefined
 */
export class CentsNetAssetsRow implements NetAssetsRow {
  /** Whole cents, or undefined when the amount was read as a decimal. */
  readonly netAssetsCents: number | undefined;
  #netAssets: Decimal | undefined;
  // The row's place: a SourceRef of its own, or its table's place shared with every row read
  // with it and the row's index (`at`) — an object a row fewer on a 91,300-row history.
  #place: SourceRef | TablePlace | undefined;
  #rowIndex = -1;

  constructor(
    public date: Day,
    public portfolio: string,
    /** Whole cents (the exact amount), or the decimal when the cell was not whole cents. */
    netAssets: number | Decimal,
    source?: SourceRef
  ) {
    if (typeof netAssets === "number") this.netAssetsCents = netAssets;
    else this.#netAssets = netAssets;
    this.#place = source;
  }

  /**
   * Data row `rowIndex` of the table at `place`: its `source` is `rowSource(place, rowIndex)`.
   *
   * `CentsNetAssetsRow.at({ sheet: "Net Assets", table: "NetAssets" }, 0, d, "Growth", 206849).source` → `{ sheet: "Net Assets", table: "NetAssets", row: 1 }`
   */
  static at(
    place: TablePlace,
    rowIndex: number,
    date: Day,
    portfolio: string,
    netAssets: number | Decimal
  ): CentsNetAssetsRow {
    const row = new CentsNetAssetsRow(date, portfolio, netAssets);
    row.#place = place;
    row.#rowIndex = rowIndex;
    return row;
  }

  /** The net assets as a decimal, built once, on first reading. */
  get netAssets(): Decimal {
    return (this.#netAssets ??= decimalFromCents(this.netAssetsCents!));
  }

  /** Where the row is, if known (made when asked for a row read with its table's place). */
  get source(): SourceRef | undefined {
    const place = this.#place;
    return this.#rowIndex >= 0
      ? rowSource(place as TablePlace, this.#rowIndex)
      : (place as SourceRef);
  }

  /** The row's 1-based data row in its table, if known: `source.row` without making `source`. */
  get sourceRow(): number | undefined {
    return this.#rowIndex >= 0 ? this.#rowIndex + 1 : (this.#place as SourceRef | undefined)?.row;
  }

  /**
   * As JSON, the plain row it stands for (`netAssets` and `source` are getters, which
   * `JSON.stringify` would leave out): `{ date, portfolio, netAssets, source }`.
   */
  toJSON(): NetAssetsRow {
    const source = this.source;
    return {
      date: this.date,
      portfolio: this.portfolio,
      netAssets: this.netAssets,
      ...(source ? { source } : {}),
    };
  }
}

/**
 * The 1-based table row of a NAV row or series point, if known: without making its `source`
 * when it is a row read in cents (a column writer asks once for every row).
 *
 * `tableRowOf(CentsNetAssetsRow.at(place, 4, d, "Growth", 206849))` → 5
 */
export function tableRowOf(
  point: { readonly source?: SourceRef | undefined } | undefined
): number | undefined {
  return point instanceof CentsNetAssetsRow ? point.sourceRow : point?.source?.row;
}

/**
 * A `NetAssets` row (long form) from its parsed values in the schema's column order — Date,
 * Portfolio, Class B net assets — as `readTableRecords` reads them with money in cents:
 * `netAssetsRowOf([45659, "Growth", 206849], 0, place)` → `CentsNetAssetsRow { netAssetsCents: 206849, … }`.
 */
export function netAssetsRowOf(
  values: readonly unknown[],
  rowIndex: number,
  place: TablePlace
): CentsNetAssetsRow {
  return CentsNetAssetsRow.at(
    place,
    rowIndex,
    values[DATE] as Day,
    (values[PORTFOLIO] as string | null | undefined) ?? "",
    values[NET_ASSETS_AMOUNT] as number | Decimal
  );
}

const position = (header: string) => NET_ASSETS.columns.findIndex((c) => c.header === header);
const DATE = position("Date");
const PORTFOLIO = position("Portfolio");
const NET_ASSETS_AMOUNT = position("Class B net assets");
