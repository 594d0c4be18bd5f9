/**
 * The refusals the pane shows, in the pane's words (SPEC §4, issue 23):
 * - one row number per sentence, the sheet's as Excel shows it: a cell is named by its
 *   address ("cell C4"), not also by its table row ("row 3"), which is the runner's habit;
 * - a mistake repeated down a column is one problem with the range and a count
 *   (`groupRepeated`), and where the fix is mechanical — numbers typed as text — it carries
 *   the fix the pane offers ("Convert to numbers").
 * Plain data in and out (no office-js).
 */
import { describeSource, type PlanException, type SourceRef } from "../engine/exceptions";
import { groupRepeated } from "../workbook/repeatedFindings";
import { isNumberTypedAsText } from "../workbook/textNumbers";
import type { Refusal } from "../workbook/usablePlan";

/** A refusal as the pane lists it. */
export interface Problem extends Refusal {
  /** How many cells it covers, when it stands for a repeated mistake. */
  count?: number;
  /** The mechanical fix the pane offers for it. */
  fix?: "convert-to-numbers";
}

/**
 * Where a finding is, naming a cell once: 'sheet "Plan", table Rates, column "Annual rate", cell Q2'.
 * Without a known address it falls back to the table row (the only number then).
 */
export function paneWhere(source: SourceRef): string {
  if (!source.address) return describeSource(source);
  const sheet = source.sheet ? `sheet "${source.sheet}", ` : "";
  const column = source.column !== undefined ? `, column "${source.column}"` : "";
  return `${sheet}table ${source.table}${column}, cell ${source.address}`;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The blocking findings of a read as the pane lists them, repeated mistakes grouped.
 *
 * 982 text NAVs in C4:C985 → `[{ text: 'Sheet "Net Assets", table NetAssets, column "Class B net
 * assets", 982 cells in C4:C985, each like C4: Class B net assets holds text "100,000,000.00", …',
 * source: { …, address: "C4:C985" }, count: 982, fix: "convert-to-numbers" }]`.
 */
export function paneProblems(
  blocking: readonly PlanException[],
  where: (source: SourceRef) => string = paneWhere
): Problem[] {
  return groupRepeated(blocking).map(({ first, members, area }): Problem => {
    const fix = isNumberTypedAsText(first.message) ? { fix: "convert-to-numbers" as const } : {};
    const source = first.source;
    if (members.length === 1)
      return {
        text:
          source && source.row !== undefined
            ? `${capitalize(where(source))}: ${first.message}`
            : first.message,
        ...(source ? { source } : {}),
        ...fix,
      };
    const { address: _first, row: _row, ...table } = source!;
    const column = where({ ...table }).replace(/, column "[^"]*"$/, "");
    const cells = area ? ` in ${area}` : "";
    return {
      text: `${capitalize(column)}${table.column !== undefined ? `, column "${table.column}"` : ""}, ${members.length.toLocaleString("en-US")} cells${cells}, each like ${source!.address ?? `row ${source!.row}`}: ${first.message}`,
      source: area ? { ...table, address: area } : source!,
      count: members.length,
      ...fix,
    };
  });
}
