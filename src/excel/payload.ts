/**
 * Keeping requests under Excel on the web's 5 MB payload limit
 * (RequestPayloadSizeLimitExceeded): rows are grouped into chunks whose JSON
 * is at most `CHUNK_BUDGET_BYTES`, a fifth of the limit, leaving room for the
 * formats and the request's own envelope.
 */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;
export const CHUNK_BUDGET_BYTES = 1024 * 1024;

/** Rows per read request: Excel also caps responses at 5 MB; a cell's value rarely exceeds 25 bytes of JSON. */
export const READ_BUDGET_CELLS = 40_000;

/**
 * Splits rows into consecutive `[start, end)` chunks whose JSON size is at
 * most `budgetBytes` each (a single larger row gets a chunk of its own).
 *
 * `chunkRows([[1], [2], [3]], 10)` → `[[0, 2], [2, 3]]` (each `[n],` is 4 bytes).
 */
export function chunkRows(
  rows: readonly (readonly unknown[])[],
  budgetBytes = CHUNK_BUDGET_BYTES,
  extraBytesPerRow = 0
): [number, number][] {
  const chunks: [number, number][] = [];
  let start = 0;
  let bytes = 2;
  rows.forEach((row, index) => {
    const size = JSON.stringify(row).length + 1 + extraBytesPerRow;
    if (index > start && bytes + size > budgetBytes) {
      chunks.push([start, index]);
      start = index;
      bytes = 2;
    }
    bytes += size;
  });
  if (rows.length > start) chunks.push([start, rows.length]);
  return chunks;
}

/**
 * A text as `Range.values` must receive it to stay text: Excel turns a string
 * that starts with "=", "+", "-" or "@" into a formula, so such text gets the
 * apostrophe prefix that Excel shows as nothing (SPEC §5: user text is
 * written as text, never as a formula).
 *
 * `asText("=HYPERLINK(…)")` → `"'=HYPERLINK(…)"`; `asText("Jane")` → `"Jane"`.
 */
export function asText(text: string): string {
  return /^[=+\-@']/.test(text) ? `'${text}` : text;
}
