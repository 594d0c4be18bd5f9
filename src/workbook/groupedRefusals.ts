/**
 * Many refusals of one column told as one sentence (issue 22): a NAV history
 * of 4,910 dates typed as yyyymmdd numbers is one mistake made 4,910 times,
 * and a million-row table must not print a million lines. Both adapters can
 * group: the runner prints the groups on stderr, the pane can list them.
 */
import { describeSource } from "../engine/exceptions";
import type { Refusal } from "./usablePlan";

/** How many refusals of one column are told one by one before they are grouped. */
export const GROUP_FROM = 4;
/** How many cells a grouped sentence names. */
export const CELLS_SHOWN = 3;

/**
 * `refusals` with every run of more than three refusals about one column of
 * one table (wherever they fall in the list) replaced, at its first, by one
 * refusal: the count, the rows and cells it spans, and the first three cells
 * with what is wrong with each. Refusals without a row and column stay as they are.
 *
 * `groupRefusals([…66 refusals of NetAssets "Date"…])` →
 * `[{ text: 'Sheet "Net Assets", table NetAssets, column "Date": 66 cells cannot be used, in rows 1–66 (cells A2 to A67). The first 3: cell A2: Date holds …; cell A3: …; cell A4: …', source }]`
 */
export function groupRefusals(refusals: readonly Refusal[]): Refusal[] {
  const keyOf = (r: Refusal) =>
    r.source?.row !== undefined && r.source.column !== undefined
      ? JSON.stringify([r.source.sheet, r.source.table, r.source.column])
      : null;
  const groups = new Map<string, Refusal[]>();
  for (const refusal of refusals) {
    const key = keyOf(refusal);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(refusal);
    else groups.set(key, [refusal]);
  }
  const result: Refusal[] = [];
  for (const refusal of refusals) {
    const key = keyOf(refusal);
    const group = key === null ? undefined : groups.get(key);
    if (!group || group.length < GROUP_FROM) result.push(refusal);
    else if (group[0] === refusal) result.push(grouped(group));
  }
  return result;
}

/** One refusal for the refusals of one column (at least two, each with a row and column). */
function grouped(group: readonly Refusal[]): Refusal {
  const source = group[0]!.source!;
  const first = group.reduce((a, b) => (b.source!.row! < a.source!.row! ? b : a));
  const last = group.reduce((a, b) => (b.source!.row! > a.source!.row! ? b : a));
  const where = describeSource({ sheet: source.sheet, table: source.table, column: source.column });
  const span =
    `in rows ${first.source!.row!.toLocaleString("en-US")}–${last.source!.row!.toLocaleString("en-US")}` +
    (first.source!.address && last.source!.address
      ? ` (cells ${first.source!.address} to ${last.source!.address})`
      : "");
  const shown = group
    .slice(0, CELLS_SHOWN)
    .map(
      (r) =>
        `${r.source!.address ? `cell ${r.source!.address}` : `row ${r.source!.row}`}: ${(r.message ?? r.text).replace(/\.$/, "")}`
    );
  return {
    text: `${where.charAt(0).toUpperCase()}${where.slice(1)}: ${group.length.toLocaleString("en-US")} cells cannot be used, ${span}. The first ${shown.length}: ${shown.join("; ")}.`,
    source: { sheet: source.sheet, table: source.table, column: source.column },
  };
}
