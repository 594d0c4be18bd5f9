/**
 * Which sheet a written workbook opens on, and what printing it prints
 * (SPEC §5, 2026-12-06: "the written workbook opens on the report sheet, and
 * printing the workbook prints the report").
 *
 * - Opening: the workbook view's `activeTab` names the sheet Excel and
 *   LibreOffice show first, and that sheet's view is the only one marked
 *   `tabSelected` — two selected tabs would open Excel in group-edit mode,
 *   where typing into one sheet types into both.
 * - Printing: the sheet's print area (`_xlnm.Print_Area`) is the report's
 *   cells. Excel's Print dialog prints the *selected* sheets by default
 *   ("Print Active Sheets"), so Ctrl+P on the opened workbook prints the
 *   report alone, within its print area. "Print Entire Workbook" still prints
 *   every visible sheet, as Excel always does: the runner never hides or
 *   changes a person's own sheets to prevent it.
 */
import { setDefinedName } from "./workbookPart";
import type { XlsxPackage } from "./xlsxPackage";
import { attribute, escapeXml, insertBefore, setAttribute } from "./xml";

/** A sheet larger than this is not rewritten just to clear its tab selection (a whole-sheet NAV table is hundreds of MB). */
const LARGEST_EDITED_SHEET = 64 * 1024 * 1024;

/**
 * How much of a sheet is read, at most, looking for its views before its rows: a megabyte, so
 * a hostile head with no rows costs a few scans of a megabyte, not one per piece of a gigabyte.
 */
const LONGEST_HEAD = 1 << 20;

// CT_Workbook children that follow <bookViews>.
const AFTER_BOOK_VIEWS = ["sheets"];

/** `'12b-1 Report 2026-Q3'!$A$1:$L$120`: an absolute range on a sheet, quoted as Excel quotes it. */
export function sheetRange(sheet: string, lastRow: number, lastColumn: string): string {
  return `'${sheet.replace(/'/g, "''")}'!$A$1:$${lastColumn}$${lastRow}`;
}

/** Sets the print area of the sheet named `sheet` (replacing any it had). */
export function setPrintArea(pkg: XlsxPackage, sheet: string, range: string): void {
  const entry = pkg.sheets().find((s) => s.name.toLowerCase() === sheet.toLowerCase());
  if (entry) setDefinedName(pkg, "_xlnm.Print_Area", range, entry.index);
}

/**
 * True when the sheet's XML before its rows (where `<sheetView>` sits) marks it selected. The
 * pieces are gathered until `<sheetViews>` is whole: a long selection runs over several of
 * them (they are 64 KiB), and a view read in halves was missed — leaving two tabs selected.
 */
async function markedSelected(pkg: XlsxPackage, part: string): Promise<boolean> {
  const stream = pkg.xmlStream(part);
  if (!stream) return false;
  let head = "";
  for await (const piece of stream) {
    head += piece;
    // Found by searching forward, not by a lazy regex over the head each time: linear however
    // many `<sheetViews` a hostile head holds.
    const open = head.search(/<sheetViews\b/);
    const close = open < 0 ? -1 : head.indexOf("</sheetViews>", open);
    if (close >= 0) return /\btabSelected="(1|true)"/.test(head.slice(open, close));
    // The views come before the rows; a head this long has none worth reading.
    if (/<sheetData\b/.test(head) || head.length > LONGEST_HEAD) return false;
  }
  return false;
}

/** The sheet's `<sheetView>`s with `tabSelected` set to `selected` on the first (the view the workbook opens with), cleared on any other. */
function withSelection(sheetXml: string, selected: boolean): string {
  return sheetXml.replace(/<sheetViews\b[\s\S]*?<\/sheetViews>/, (views) => {
    let seen = 0;
    return views.replace(/<sheetView\b[^>]*>/g, (tag) =>
      setAttribute(tag, "tabSelected", selected && seen++ === 0 ? "1" : null)
    );
  });
}

/**
 * Makes the workbook open on `sheet`, the only selected tab. Returns false
 * (and changes nothing) when another selected sheet is too large to rewrite:
 * the workbook then opens where it did, never with two tabs grouped.
 *
 * `await openOnSheet(pkg, "12b-1 Report 2026-Q3")` → true
 */
export async function openOnSheet(pkg: XlsxPackage, sheet: string): Promise<boolean> {
  const sheets = pkg.sheets();
  const target = sheets.find((s) => s.name.toLowerCase() === sheet.toLowerCase());
  if (!target) return false;
  const others: string[] = [];
  for (const entry of sheets) {
    if (entry === target) continue;
    if (await markedSelected(pkg, entry.part)) {
      if ((pkg.size(entry.part) ?? 0) > LARGEST_EDITED_SHEET) return false;
      others.push(entry.part);
    }
  }
  for (const part of others) pkg.setText(part, withSelection(pkg.text(part)!, false));
  const targetXml = pkg.text(target.part)!;
  pkg.setText(
    target.part,
    /<sheetViews\b/.test(targetXml)
      ? withSelection(targetXml, true)
      : targetXml.replace(
          /(<sheetData\b|<sheetFormatPr\b|<cols\b)/,
          '<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>$1'
        )
  );
  const workbookPart = pkg.workbookPart();
  let xml = pkg.text(workbookPart)!;
  const view = /<workbookView\b[^>]*?\/?>/.exec(xml)?.[0];
  if (view) {
    let tag = setAttribute(view, "activeTab", String(target.index));
    // The first tab shown in the tab bar must not come after the active one.
    const first = Number(attribute(tag, "firstSheet") ?? "0");
    if (first > target.index) tag = setAttribute(tag, "firstSheet", String(target.index));
    xml = xml.replace(view, tag);
  } else
    xml = insertBefore(
      xml,
      AFTER_BOOK_VIEWS,
      "workbook",
      `<bookViews><workbookView activeTab="${escapeXml(String(target.index))}"/></bookViews>`
    );
  pkg.setText(workbookPart, xml);
  return true;
}
