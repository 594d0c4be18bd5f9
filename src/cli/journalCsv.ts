/**
 * The month's journal as a flat CSV for a general-ledger import (SPEC §7):
 * UTF-8 (no byte-order mark), one header row, one row per journal line, ISO
 * dates, amounts with a dot and two decimals.
 *
 * The quoting rule, written out because it is the whole of the format:
 * - every field is quoted ("…"), a `"` inside doubled (RFC 4180);
 * - a field whose first character is `=`, `+`, `-`, `@`, a tab or a carriage
 *   return gets a leading `'` inside its quotes (OWASP "CSV injection"), so
 *   a spreadsheet opening the file shows it as text and never runs it;
 *   amounts are never negative here (a line is a debit or a credit), so no
 *   figure is touched by this;
 * - lines end with CRLF (RFC 4180).
 */
import { isoDate } from "../engine/calendar";
import type { Journal } from "../engine/journal";
import type { AdjustedMonthJournal } from "../engine/journalAdjustments";

export const CSV_COLUMNS = [
  "Journal ID",
  "Date",
  "Period",
  "Fund",
  "Class",
  "Account",
  "Debit",
  "Credit",
  "Description",
  "Source",
  "Cites",
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field by the rule above.
 *
 * @example csvField('=HYPERLINK("x")') // → "\"'=HYPERLINK(\"\"x\"\")\""
 * @example csvField("28767.12") // → "\"28767.12\""
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

function lineRows(journal: Journal): string[][] {
  return journal.lines.map((line) => [
    journal.journalId,
    isoDate(journal.date),
    journal.period,
    journal.fundCode,
    journal.classCode,
    line.account,
    line.debit.toFixed(2),
    line.credit.toFixed(2),
    journal.description,
    journal.source,
    journal.cites ?? "",
  ]);
}

/**
 * The CSV text of the month's entries and adjustments, portfolio by portfolio.
 *
 * `journalCsv(journal).split("\r\n")[0]` → `"Journal ID","Date","Period",…`
 */
export function journalCsv(journal: AdjustedMonthJournal): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const portfolio of journal.portfolios)
    for (const entry of [...portfolio.journals, ...portfolio.adjustments])
      rows.push(...lineRows(entry));
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
