/**
 * A layout's grid (`layoutGrid.ts`) written as the SpreadsheetML of a sheet
 * part, in the canonical form (`ooxml/xmlParse.ts`) the package keeps: the
 * text ExcelJS 4.4 wrote for the same cells once its shared strings were
 * inlined and its style indexes mapped into the user's styles part
 * (`graftSheet`), so the saved workbook is the same byte for byte — rows as
 * `<row r spans x14ac:dyDescent>` (ExcelJS's `RowXform`), cells as its
 * `CellXform` writes them, merges as its `mergeCells`, the dimension as its
 * `Range.expand` works it out. ExcelJS still writes everything else of the
 * sheet (`writeSheetSettings`), into which these are spliced.
 */
import { letters } from "../../workbook/sheetLayout";
import type { GridCell, LayoutGrid } from "./layoutGrid";

/** The controls ExcelJS's `xmlEncode` drops: C0 but tab, line feed and carriage return; DEL. */
// eslint-disable-next-line no-control-regex
const DROPPED = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Anything `characters` changes or refuses. */
// eslint-disable-next-line no-control-regex
const SPECIAL = /[&<>\x00-\x08\x0B\x0C\x0E-\x1F\x7F\r\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * `text` as the character data of a canonical part: what ExcelJS wrote for it
 * (controls dropped, `&`, `<`, `>` escaped; quotes and apostrophes canonical
 * form writes as characters), read back as the package reads it (a lone
 * surrogate is U+FFFD once UTF-8; a carriage return, alone or before a line
 * feed, is a line feed once parsed). Throws for U+FFFE or U+FFFF, which XML
 * does not allow and the parser refused in ExcelJS's output.
 *
 * `characters('a < "b"\r\n')` → `'a &lt; "b"\n'`
 */
export function characters(text: string): string {
  if (!SPECIAL.test(text)) return text;
  if (/[\uFFFE\uFFFF]/.test(text))
    throw new Error("a report cell holds U+FFFE or U+FFFF, which an XML part cannot hold");
  let kept = text.replace(DROPPED, "");
  if (kept.includes("\r")) kept = kept.replace(/\r\n?/g, "\n");
  return kept
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

function cellXml(reference: string, cell: GridCell, style: string): string {
  const open = `<c r="${reference}"${style}`;
  const value = cell.value;
  if ("text" in value) {
    // ExcelJS's TextXform: space kept where the text starts or ends with one, or holds a line feed.
    const space = /^\s|\n|\s$/.test(value.text) ? ' xml:space="preserve"' : "";
    return `${open} t="inlineStr"><is><t${space}>${characters(value.text)}</t></is></c>`;
  }
  if ("number" in value) return `${open}><v>${String(value.number)}</v></c>`;
  if ("formula" in value)
    return `${open}><f>${characters(value.formula)}</f><v>${String(value.result)}</v></c>`;
  return `${open}/>`;
}

/**
 * The `<dimension>`, `<sheetData>` and `<mergeCells>` of `grid`.
 * `style(key)` is a cell's ` s="…"` attribute, or "" for the default format
 * (a blank cell of the default format is left out, as ExcelJS leaves it out).
 */
export function gridXml(
  grid: LayoutGrid,
  style: (key: string | null) => string
): { dimension: string; sheetData: string; mergeCells: string } {
  const numbers = [...new Set([...grid.rows.keys(), ...grid.heights.keys()])].sort((a, b) => a - b);
  const out: string[] = [];
  const columnLetters: string[] = [];
  // ExcelJS's Range, expanded row by row (its `model` fields; 0 until set, read as 1).
  let top = 0;
  let left = 0;
  let bottom = 0;
  let right = 0;
  for (const number of numbers) {
    const cells = grid.rows.get(number) ?? [];
    const height = grid.heights.get(number);
    let min = 0;
    let max = 0;
    let written = "";
    for (const cell of cells) {
      if (cell === undefined) continue;
      if (!min || min > cell.column) min = cell.column;
      if (max < cell.column) max = cell.column;
      const s = style(cell.style);
      if ("blank" in cell.value && s === "") continue;
      const column = (columnLetters[cell.column] ??= letters(cell.column));
      written += cellXml(`${column}${number}`, cell, s);
    }
    if (!height && min === 0) continue;
    if (!top || number < (top || 1)) top = number;
    if (!left || min < (left || 1)) left = min;
    if (!bottom || number > (bottom || 1)) bottom = number;
    if (!right || max > (right || 1)) right = max;
    let open = `<row r="${number}"`;
    if (height) open += ` ht="${String(height)}" customHeight="1"`;
    if (min > 0 && max > 0 && min <= max) open += ` spans="${min}:${max}"`;
    open += ' x14ac:dyDescent="0.25"';
    out.push(written === "" ? `${open}/>` : `${open}>${written}</row>`);
  }
  const ref = `${letters(left || 1)}${top || 1}:${letters(right || 1)}${bottom || 1}`;
  return {
    dimension: `<dimension ref="${ref}"/>`,
    sheetData: out.length > 0 ? `<sheetData>${out.join("")}</sheetData>` : "<sheetData/>",
    mergeCells:
      grid.mergeRefs.length > 0
        ? `<mergeCells count="${grid.mergeRefs.length}">${grid.mergeRefs.map((ref) => `<mergeCell ref="${ref}"/>`).join("")}</mergeCells>`
        : "",
  };
}

function replaceOnce(xml: string, find: string, replacement: string): string {
  const at = xml.indexOf(find);
  if (at < 0 || xml.indexOf(find, at + 1) >= 0)
    throw new Error(`expected one ${find} in the scratch sheet`);
  return xml.slice(0, at) + replacement + xml.slice(at + find.length);
}

/**
 * `sheetXml`, a canonical sheet part ExcelJS wrote with no cells (its
 * `<dimension ref="A1:A1"/>` and `<sheetData/>`), with `grid`'s cells,
 * dimension and merges put in.
 *
 * `withGrid(settingsOnly, grid, (key) => (key ? ' s="5"' : ""))` → the sheet with its rows
 */
export function withGrid(
  sheetXml: string,
  grid: LayoutGrid,
  style: (key: string | null) => string
): string {
  const { dimension, sheetData, mergeCells } = gridXml(grid, style);
  const dimensioned = replaceOnce(sheetXml, '<dimension ref="A1:A1"/>', dimension);
  return replaceOnce(dimensioned, "<sheetData/>", sheetData + mergeCells);
}
