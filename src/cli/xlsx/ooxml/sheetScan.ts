/**
 * Reading cell values out of SpreadsheetML on the streaming parser: the
 * shared-string table and the cells of a worksheet inside given boxes, in one
 * pass each, elements matched by namespace URI. Work and memory follow the
 * cells the part actually holds, never the size a table's range claims (a
 * ref of `BA1:XFD1048576` over forty cells costs forty cells).
 *
 * Values follow the edge rule of `src/workbook/cells.ts`: numbers by the
 * xsd:double grammar Excel writes and nothing else (`0x188E7D41`, `0b101`
 * and a lone space are refused naming the cell, not read as 411,991,361, 5
 * and 0), text with OOXML's `_xHHHH_` escapes decoded, TRUE/FALSE, error
 * values as `{ error }`, a formula's cached result — and a formula nobody has
 * calculated is reported, never guessed.
 */
import type { SaxesTagNS } from "saxes";
import type { CellValue } from "../../../workbook/cells";
import { address } from "../../../workbook/sheetLayout";
import { UnreadablePackage } from "./packageError";
import { NS, parseXml } from "./xmlParse";

const UNCALCULATED = "a formula with no calculated value (open and save the file in Excel first)";
// xsd:double's lexical space, after its whitespace facet (collapse); INF and NaN are not amounts.
const XSD_DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const CELL_REF = /^([A-Z]{1,3})([1-9]\d{0,6})$/;
export const MAX_ROW = 1_048_576;
export const MAX_COLUMN = 16_384;

export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Column number of letters ("AB" → 28); 0 when `letters` is not column letters. */
export function columnNumber(letters: string): number {
  let column = 0;
  for (let i = 0; i < letters.length; i += 1) {
    const code = letters.charCodeAt(i);
    if (code < 65 || code > 90) return 0;
    column = column * 26 + code - 64;
  }
  return column;
}

/** Decodes OOXML's `_xHHHH_` escapes (control characters in text). */
export function decodeText(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16))
  );
}

const inMain = (tag: SaxesTagNS, local: string) => tag.uri === NS.main && tag.local === local;

/**
 * Collects the text of rich-text items (`<si>`, `<is>`): their `<t>` runs,
 * without phonetic guides (`<rPh>`). Returns handlers to plug into a parse.
 */
function richTextCollector() {
  let inT = false;
  let phonetic = 0;
  let text = "";
  return {
    open(tag: SaxesTagNS) {
      if (tag.uri !== NS.main) return;
      if (tag.local === "rPh") phonetic += 1;
      else if (tag.local === "t" && phonetic === 0) inT = true;
    },
    close(tag: SaxesTagNS) {
      if (tag.uri !== NS.main) return;
      if (tag.local === "rPh") phonetic -= 1;
      else if (tag.local === "t") inT = false;
    },
    text(chunk: string) {
      if (inT) text += chunk;
    },
    take(): string {
      const result = decodeText(text);
      text = "";
      return result;
    },
  };
}

/**
 * The shared-string table in `chunks` (the part `part`), in order: an empty
 * item, `<si/>` or `<si />`, is an empty string and keeps every later index.
 *
 * `sharedStringItems(['<sst xmlns="…main"><si><t>Growth</t></si><si /></sst>'], "xl/sharedStrings.xml")` → `["Growth", ""]`
 */
export function sharedStringItems(chunks: string | Iterable<string>, part: string): string[] {
  const items: string[] = [];
  const rich = richTextCollector();
  let inItem = false;
  parseXml(chunks, part, {
    open: (tag) => {
      if (inMain(tag, "si")) inItem = true;
      else if (inItem) rich.open(tag);
    },
    close: (tag) => {
      if (inMain(tag, "si")) {
        items.push(rich.take());
        inItem = false;
      } else if (inItem) rich.close(tag);
    },
    text: (text) => inItem && rich.text(text),
  });
  return items;
}

export interface ScannedSheet {
  /** Per box (same order as asked): row → column → value, only cells the part holds. */
  cells: Map<number, Map<number, CellValue>>[];
  /** Per box: rows below it (from `bottom + 1`, without a gap) holding content in its columns. */
  rowsBelow: number[][];
  /** Merged ranges of the sheet. */
  merges: string[];
  /** Located reasons a cell inside a box cannot be read. */
  problems: string[];
}

interface CellState {
  row: number;
  column: number;
  type: string;
  value: string | null;
  formula: boolean;
  inline: string | null;
}

/**
 * Reads the cells of the worksheet in `chunks` that lie inside `boxes`
 * (and notes the rows just below each box that hold content in its columns).
 * `sheet` names the sheet in messages; `strings` is the shared-string table.
 *
 * `scanSheet(pkg.xmlChunks(part)!, part, "Net Assets", [{ top: 1, left: 1, bottom: 9, right: 3 }], strings)`
 */
export function scanSheet(
  chunks: string | Iterable<string>,
  part: string,
  sheet: string,
  boxes: readonly Box[],
  strings: readonly string[]
): ScannedSheet {
  const result: ScannedSheet = {
    cells: boxes.map(() => new Map()),
    rowsBelow: boxes.map(() => []),
    merges: [],
    problems: [],
  };
  const below = boxes.map(() => new Set<number>());
  let inData = false;
  let row = 0;
  let column = 0;
  let cell: CellState | null = null;
  let field: "v" | null = null;
  let inline: ReturnType<typeof richTextCollector> | null = null;
  const bad = (what: string) =>
    result.problems.push(
      `Sheet "${sheet}", cell ${address(cell!.row, cell!.column)}: ${what}. The cell is damaged; retype its value in Excel and save the workbook.`
    );

  const valueOf = (c: CellState): CellValue => {
    if (c.type === "inlineStr") return c.inline ?? "";
    if (c.value === null) return c.formula ? { error: UNCALCULATED } : null;
    const raw = c.value;
    switch (c.type) {
      case "s": {
        const index = /^\s*(\d+)\s*$/.exec(raw)?.[1];
        const text = index === undefined ? undefined : strings[Number(index)];
        if (text === undefined) {
          bad(`it refers to shared string "${raw}", which the workbook does not have`);
          return null;
        }
        return text;
      }
      case "str":
      case "d":
        return decodeText(raw);
      case "b": {
        const flag = raw.trim();
        if (flag === "1" || flag === "true") return true;
        if (flag === "0" || flag === "false") return false;
        bad(`its stored TRUE/FALSE value "${raw}" is neither`);
        return null;
      }
      case "e":
        return { error: raw };
      case "n":
      case "": {
        if (raw === "") return null;
        const collapsed = raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
        const number = XSD_DOUBLE.test(collapsed) ? Number(collapsed) : NaN;
        if (!Number.isFinite(number)) {
          bad(`its stored number "${raw}" is not a number as Excel writes one`);
          return null;
        }
        return number;
      }
      default:
        bad(`its type "${c.type}" is not one Excel writes`);
        return null;
    }
  };

  // A plain loop: this runs for every cell of the sheet (a whole-sheet NAV table has millions).
  const store = (c: CellState) => {
    for (let i = 0; i < boxes.length; i += 1) {
      const box = boxes[i]!;
      if (c.column < box.left || c.column > box.right) continue;
      if (c.row >= box.top && c.row <= box.bottom) {
        let cells = result.cells[i]!.get(c.row);
        if (!cells) result.cells[i]!.set(c.row, (cells = new Map()));
        cells.set(c.column, valueOf(c));
      } else if (c.row > box.bottom && (c.formula || c.inline !== null || !!c.value))
        below[i]!.add(c.row);
    }
  };

  parseXml(chunks, part, {
    open: (tag) => {
      if (tag.uri !== NS.main) return;
      if (cell) {
        if (inline) inline.open(tag);
        else if (tag.local === "v") field = "v";
        else if (tag.local === "f") cell.formula = true;
        else if (tag.local === "is") inline = richTextCollector();
        return;
      }
      const ref = tag.attributes.r?.value;
      switch (tag.local) {
        case "sheetData":
          inData = true;
          break;
        case "row": {
          if (!inData) break;
          const number = ref === undefined ? row + 1 : Number(ref);
          if (!Number.isInteger(number) || number <= row || number > MAX_ROW)
            throw rowProblem(part, sheet, ref, row);
          row = number;
          column = 0;
          break;
        }
        case "c": {
          if (!inData || row === 0) break;
          let number = column + 1;
          if (ref !== undefined) {
            const match = CELL_REF.exec(ref);
            number = match && Number(match[2]) === row ? columnNumber(match[1]!) : 0;
          }
          if (number <= column || number > MAX_COLUMN)
            throw cellRefProblem(part, sheet, ref, row, column);
          column = number;
          const type = tag.attributes.t?.value ?? "";
          cell = { row, column, type, value: null, formula: false, inline: null };
          break;
        }
        case "mergeCell": {
          const merged = tag.attributes.ref?.value;
          if (merged !== undefined) result.merges.push(merged);
          break;
        }
      }
    },
    close: (tag) => {
      if (tag.uri !== NS.main) return;
      if (cell && inline) {
        if (tag.local === "is") {
          cell.inline = inline.take();
          inline = null;
        } else inline.close(tag);
        return;
      }
      if (tag.local === "v") field = null;
      else if (tag.local === "sheetData") inData = false;
      else if (tag.local === "c" && cell) {
        store(cell);
        cell = null;
      }
    },
    text: (text) => {
      if (!cell) return;
      if (inline) inline.text(text);
      else if (field === "v") cell.value = (cell.value ?? "") + text;
    },
  });
  boxes.forEach((box, i) => {
    for (let r = box.bottom + 1; below[i]!.has(r); r += 1) result.rowsBelow[i]!.push(r);
  });
  return result;
}

function rowProblem(part: string, sheet: string, ref: string | undefined, previous: number) {
  return new UnreadablePackage(
    `Sheet "${sheet}" (part ${part}) is damaged: a row numbered "${ref ?? previous + 1}" follows row ${previous} (rows must go down the sheet, within 1,048,576). Open the workbook in Excel and save it again.`
  );
}

function cellRefProblem(
  part: string,
  sheet: string,
  ref: string | undefined,
  row: number,
  previous: number
) {
  return new UnreadablePackage(
    `Sheet "${sheet}" (part ${part}) is damaged: in row ${row}, a cell "${ref ?? ""}" follows column ${previous} (cells must go left to right in their own row). Open the workbook in Excel and save it again.`
  );
}
