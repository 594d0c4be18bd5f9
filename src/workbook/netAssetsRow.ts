/**
 * A NetAssets row as the workbook layer reads it: its net assets kept in
 * whole cents when the cell is the double nearest a whole number of cents, and
 * turned into a decimal.js number only when something reads `netAssets`
 * (issue 24: a decimal per NAV row was a seventh of reading the plan, while
 * the exact fast paths only need the cents). To every reader it is a
 * `NetAssetsRow`: `netAssets` is the same decimal `parseMoney` gives. Being a
 * getter, it is not an own property: copy a row with its fields named, not
 * with `{ ...row }`.
 */
import { type Decimal, decimalFromCents } from "../engine/decimal";
import type { SourceRef } from "../engine/exceptions";
import type { Day } from "../engine/calendar";
import type { NetAssetsRow } from "../engine/plan";
import { NET_ASSETS } from "./schema";

/**
 * `new CentsNetAssetsRow(day("2025-01-02"), "Growth", 206849, source).netAssets` → 2068.49;
 * `new CentsNetAssetsRow(d, "Growth", new Decimal("0.13"), source).netAssetsCents` → undefined
 */
export class CentsNetAssetsRow implements NetAssetsRow {
  /** Whole cents, or undefined when the amount was read as a decimal. */
  readonly netAssetsCents: number | undefined;
  #netAssets: Decimal | undefined;

  constructor(
    public date: Day,
    public portfolio: string,
    /** Whole cents (the exact amount), or the decimal when the cell was not whole cents. */
    netAssets: number | Decimal,
    public source?: SourceRef
  ) {
    if (typeof netAssets === "number") this.netAssetsCents = netAssets;
    else this.#netAssets = netAssets;
  }

  /** The net assets as a decimal, built once, on first reading. */
  get netAssets(): Decimal {
    return (this.#netAssets ??= decimalFromCents(this.netAssetsCents!));
  }

  /**
   * As JSON, the plain row it stands for (`netAssets` is a getter, which `JSON.stringify`
   * would leave out): `{ date, portfolio, netAssets, source }`.
   */
  toJSON(): NetAssetsRow {
    return {
      date: this.date,
      portfolio: this.portfolio,
      netAssets: this.netAssets,
      ...(this.source ? { source: this.source } : {}),
    };
  }
}

/**
 * A `NetAssets` row (long form) from its parsed values in the schema's column order — Date,
 * Portfolio, Class B net assets — as `readTableRecords` reads them with money in cents:
 * `netAssetsRowOf([45659, "Growth", 206849], source)` → `CentsNetAssetsRow { netAssetsCents: 206849, … }`.
 */
export function netAssetsRowOf(values: readonly unknown[], source: SourceRef): CentsNetAssetsRow {
  return new CentsNetAssetsRow(
    values[DATE] as Day,
    (values[PORTFOLIO] as string | null | undefined) ?? "",
    values[NET_ASSETS_AMOUNT] as number | Decimal,
    source
  );
}

const position = (header: string) => NET_ASSETS.columns.findIndex((c) => c.header === header);
const DATE = position("Date");
const PORTFOLIO = position("Portfolio");
const NET_ASSETS_AMOUNT = position("Class B net assets");
