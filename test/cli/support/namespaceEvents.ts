/**
 * What a document means to a reader, as one list of events: each element
 * opened (its URI, local name and attributes with their URIs, sorted), closed,
 * and each text — ending, when the document is refused, with the refusal:
 * `refused: line L, column C: what` (or the reader's own limits: a DTD,
 * elements nested more than 256 deep). So what a reader was given before a
 * refusal counts too.
 * `bySaxes` is saxes's namespace mode alone (the reference); `byStream` is
 * rule12b1's streaming reader, fed in the given chunks, with how many times
 * it asked for them.
 */
import { SaxesParser } from "saxes";
import { UnreadablePackage } from "../../../src/cli/xlsx/ooxml/packageError";
import { attributesOf, streamXml } from "../../../src/cli/xlsx/ooxml/xmlStream";

export type Meaning = string[];

/** Whether `meaning` ends in a refusal. */
export const refused = (meaning: Meaning) => meaning.at(-1)?.startsWith("refused: ") === true;

/** saxes's namespace mode over `xml`: its events, or its first refusal with its place. */
export function bySaxes(xml: string): Meaning {
  const events: string[] = [];
  const parser = new SaxesParser({ xmlns: true, position: true });
  let refusal: string | null = null;
  let depth = 0;
  parser.on("error", (error) => {
    refusal ??= error.message.replace(/^(\d+):(\d+): (.*?)\.?$/, "refused: line $1, column $2: $3");
    throw error;
  });
  parser.on("doctype", () => {
    refusal ??= "refused: a DTD";
    throw new Error("DTD");
  });
  parser.on("opentag", (tag) => {
    // The reader's own limit (SpreadsheetML nests a few dozen levels; saxes slows with depth).
    if ((depth += 1) > 256) {
      refusal ??= `refused: nested more than 256 deep (line ${parser.line})`;
      throw new Error("too deep");
    }
    const attributes = Object.values(tag.attributes)
      .map((a) => `{${a.uri}}${a.local}=${a.value}`)
      .sort();
    events.push(`open {${tag.uri}}${tag.local} ${attributes.join(" ")}`);
  });
  parser.on("closetag", (tag) => {
    depth -= 1;
    events.push(`close {${tag.uri}}${tag.local}`);
  });
  parser.on("text", (text) => events.push(`text ${text}`));
  parser.on("cdata", (text) => events.push(`text ${text}`));
  try {
    parser.write(xml).close();
  } catch {
    // the refusal is recorded
  }
  return refusal === null ? events : [...events, refusal];
}

/**
 * The streaming reader over `chunks` (each call of the source gives them
 * afresh): its events or its refusal, and how many times it read the source.
 * The handlers keep what they were given across both readings, up to a
 * refusal: a second reading that gave an event again, or skipped one, shows
 * in the list.
 * A throw that is not a refusal of the document (a bug) is thrown on.
 */
export function byStream(chunks: readonly string[]): { meaning: Meaning; reads: number } {
  const events: string[] = [];
  let reads = 0;
  try {
    streamXml(
      () => {
        reads += 1;
        return chunks;
      },
      "test.xml",
      {
        open: (uri, local, written, _name, resolve) => {
          const attributes = attributesOf(written, resolve)
            .map((a) => `{${a.uri}}${a.local}=${a.value}`)
            .sort();
          events.push(`open {${uri}}${local} ${attributes.join(" ")}`);
        },
        close: (uri, local) => events.push(`close {${uri}}${local}`),
        text: (text) => events.push(`text ${text}`),
      }
    );
  } catch (error) {
    if (!(error instanceof UnreadablePackage)) throw error;
    const where = /not well-formed \((.*)\)\. Open the workbook/.exec(error.message);
    const deep = /nest more than (\d+) deep \(line (\d+)\)/.exec(error.message);
    const meaning = where
      ? `refused: ${where[1]}`
      : deep
        ? `refused: nested more than ${deep[1]} deep (line ${deep[2]})`
        : /declares a DTD/.test(error.message)
          ? "refused: a DTD"
          : error.message;
    return { meaning: [...events, meaning], reads };
  }
  return { meaning: events, reads };
}
