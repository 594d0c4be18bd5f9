/**
 * How a reading of an XML part refuses it, in sentences naming the part:
 * XML that is not well-formed (saxes's words, with line and column), a DTD,
 * elements nested past `MAX_DEPTH`, a text longer than V8 can hold.
 */
import { UnreadablePackage } from "./packageError";

/**
 * SpreadsheetML nests a few dozen levels at most; saxes slows quadratically with depth
 * (160,000 unclosed <si> took minutes), so a part nested deeper than this is refused at once.
 */
export const MAX_DEPTH = 256;

export function notWellFormed(part: string, error: Error): UnreadablePackage {
  // saxes says "line:column: what."; a person reads "line 2, column 939: unexpected close tag".
  const found = /^(\d+):(\d+): (.*?)\.?$/.exec(error.message);
  const where = found ? `line ${found[1]}, column ${found[2]}: ${found[3]}` : error.message;
  return new UnreadablePackage(
    `The part ${part} of the workbook is damaged: its XML is not well-formed (${where}). Open the workbook in Excel and save it again, or use a backup.`
  );
}

/** The refusal of a part nested deeper than `MAX_DEPTH` (at `line`). */
export function tooDeep(part: string, line: number): UnreadablePackage {
  return new UnreadablePackage(
    `The part ${part} of the workbook is damaged: its elements nest more than ${MAX_DEPTH} deep (line ${line}), as unclosed tags do. Open the workbook in Excel and save it again, or use a backup.`
  );
}

/**
 * The refusal of a part holding a text (one cell's, one string's) longer than V8 can hold:
 * a part may be up to 1,000 MB (zip.ts), so one value of over 512 M characters can arrive.
 */
export function tooLong(part: string): UnreadablePackage {
  return new UnreadablePackage(
    `The part ${part} of the workbook holds a text longer than rule12b1 can read (about 512 million characters in one value), as damaged or hostile files do. Open the workbook in Excel and save it again, or use a backup.`
  );
}

/** The refusal of a part that declares a DTD (both readings refuse it in these words). */
export function declaresDtd(part: string): UnreadablePackage {
  return new UnreadablePackage(
    `The part ${part} of the workbook declares a DTD, which Office Open XML does not allow; rule12b1 does not read it. Save the workbook again from Excel.`
  );
}

/**
 * `feed(chunk)` and `end()` of `parser`, which turn a text past V8's string
 * limit — a resource the input exhausted (exit 2, a sentence) — into `tooLong`,
 * and pass on everything else as it is: an error thrown by a handler is a bug
 * in rule12b1 (exit 3, with its stack) or a reader's own refusal, never dressed
 * up as damage in the user's file.
 *
 * `const { feed, end } = guard(parser, "x.xml"); feed("<a/>"); end();`
 */
export function guard(
  parser: { write(chunk: string): unknown; close(): unknown },
  part: string
): { feed: (chunk: string) => void; end: () => void } {
  const guarded = (step: () => void) => {
    try {
      step();
    } catch (error) {
      if (error instanceof RangeError && /Invalid string length/.test(error.message))
        throw tooLong(part);
      throw error;
    }
  };
  return {
    feed: (chunk) => guarded(() => parser.write(chunk)),
    end: () => guarded(() => parser.close()),
  };
}
