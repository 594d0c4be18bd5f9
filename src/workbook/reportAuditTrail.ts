/**
 * The audit trail sheet `12b-1 Audit trail` (SPEC §5, 2026-12-06: "the input
 * fingerprint and run details go to the audit trail sheet, not onto the
 * board's pages"): who ran the report — the named preparer, or the account
 * the run happened under — when, with which rule12b1 version, from which
 * workbook, the NetAssets rows behind each portfolio's figures, and each
 * report sheet written with its quarter's input fingerprint (Plan §5; Rule
 * 12b-1(f) records). Both adapters write it beside the report sheets; it is
 * never in the report's print range.
 */
import { type AuditFacts, auditLines } from "./auditTrail";
import { LayoutBuilder, wrappedHeight } from "./layoutBuilder";
import { STYLE } from "./reportStyles";
import type { SheetLayout } from "./sheetLayout";

/** The sheet's name: one sheet, replaced by each report run. */
export const AUDIT_TRAIL_SHEET = "12b-1 Audit trail";

/** A sheet the run wrote, with the input fingerprint of its quarter (none for the annual table). */
export interface WrittenSheet {
  sheet: string;
  /** "2026 Q3", "FY2026". */
  period: string;
  fingerprint: string | null;
}

const COLUMNS = 6;
const WIDTHS = [34, 26, 20, 20, 20, 20];
/**
 * Characters of a fingerprint a line holds in its four merged columns (80 widths of a digit,
 * less a tenth for its wider letters): a quarter's fingerprint is 132 characters (seven parts,
 * more as parts are added), so it wraps instead of being cut at the page's edge.
 */
const FINGERPRINT_LINE = Math.floor(WIDTHS.slice(2).reduce((sum, width) => sum + width, 0) * 0.9);

/**
 * The audit trail of one run as a sheet.
 *
 * `auditTrailLayout(facts, [{ sheet: "12b-1 Report 2026-Q3", period: "2026 Q3", fingerprint: "N:…" }]).sheetName`
 * → "12b-1 Audit trail"
 */
export function auditTrailLayout(facts: AuditFacts, sheets: readonly WrittenSheet[]): SheetLayout {
  const b = new LayoutBuilder();
  b.put(["rule12b1 audit trail: the run that wrote the report sheets"], STYLE.title);
  b.height(1, 22);
  b.put(
    [
      "Rewritten by each report run. Once the Board has reviewed a quarter, its input fingerprint is also kept in the Reviews table: a later edit to the quarter's inputs changes the fingerprint and is reported as an exception (Plan §5; Rule 12b-1(f)).",
    ],
    STYLE.note
  );
  b.merge(2, 1, 2, COLUMNS);
  b.height(2, 26);
  b.skip();
  const band = (title: string) => {
    const row = b.put([title, ...Array<string>(COLUMNS - 1).fill("")], STYLE.section);
    b.height(row, 18);
  };
  band("The run");
  for (const [label, value] of auditLines(facts)) {
    const shown =
      label === "Prepared by" && facts.preparedByIsAccount ? "Run under the account" : label;
    const row = b.put([shown]);
    b.set(row, 2, value);
    b.merge(row, 2, row, COLUMNS);
  }
  b.skip();
  band("Sheets written");
  const header = b.put(["Sheet", "Period", "Input fingerprint"], STYLE.headerLeft);
  b.merge(header, 3, header, COLUMNS);
  for (const written of sheets) {
    const fingerprint = written.fingerprint ?? "—";
    const row = b.put([written.sheet, written.period]);
    b.set(row, 3, fingerprint, STYLE.wrap);
    b.merge(row, 3, row, COLUMNS);
    b.height(row, wrappedHeight(fingerprint, FINGERPRINT_LINE));
  }
  return b.build(
    AUDIT_TRAIL_SHEET,
    WIDTHS,
    {
      orientation: "landscape",
      fitToWidth: 1,
      repeatRows: null,
      header: "",
      footer: "&C&8Page &P of &N",
    },
    0
  );
}
