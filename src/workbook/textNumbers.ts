/**
 * Text that is plainly a number — "100,000,000.00" pasted from a statement — and its value,
 * for the pane's "Convert to numbers" fix (SPEC §4: where the fix is mechanical, a button
 * that fixes it). The reader still refuses such a cell (src/workbook/cells.ts): a text NAV
 * is never read as a number behind the user's back; converting it is the user's choice.
 */

/** "1,234.56", "1234.56", "$1,234", "-12.5", "(12.50)": digits with optional thousands commas, sign, dollar sign. */
const NUMBER_TEXT = /^(-)?\$?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/;

/**
 * The number a text cell spells, or null when it is not plainly one.
 *
 * `numberFromText("100,000,000.00")` → 100000000; `numberFromText("(1,250.50)")` → -1250.5;
 * `numberFromText("1,00")` → null (a misplaced comma is not guessed at); `numberFromText("n/a")` → null.
 */
export function numberFromText(text: string): number | null {
  let body = text.trim().replace(/\s+/g, "");
  let negative = false;
  const bracketed = /^\((.*)\)$/.exec(body);
  if (bracketed) {
    body = bracketed[1]!;
    negative = true;
  }
  const match = NUMBER_TEXT.exec(body);
  if (!match || (negative && match[1])) return null;
  const value = Number(`${match[2]!.replace(/,/g, "")}${match[3] ?? ""}`);
  if (!Number.isFinite(value)) return null;
  return negative || match[1] ? -value : value;
}

/**
 * True when a reader's refusal is a number typed as text that `numberFromText` can read:
 * `'Class B net assets holds text "100,000,000.00", not an amount; enter it as a number.'` → true.
 */
export function isNumberTypedAsText(message: string): boolean {
  const match = /holds text "([^"]*)", not an? /.exec(message);
  return match !== null && numberFromText(match[1]!) !== null;
}
