/**
 * XML on a conformant parser (saxes): every part rule12b1 reads goes through
 * `streamXml`, so XML that is not well-formed — a missing `</row>`, 160,000
 * unclosed `<si>` — is refused in one linear pass with a sentence naming the
 * part, and names are resolved by namespace URI, never by the prefix a
 * writer happened to choose. A large part (the NAV sheet) is fed in chunks,
 * never one string.
 *
 * Namespaces are saxes's (its namespace mode): the rules of Namespaces in
 * XML are a standard, and a conformant parser applies them — unbound
 * prefixes, duplicate expanded names and the reserved bindings are refused in
 * its words. (A version of this reader that tracked declarations itself made
 * the NAV-sheet scan about a third cheaper; it was a hand-written namespace
 * processor and was not kept.)
 */
import { SaxesParser } from "saxes";
import { UnreadablePackage } from "./packageError";

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  relationships: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  strictMain: "http://purl.oclc.org/ooxml/spreadsheetml/main",
  markupCompatibility: "http://schemas.openxmlformats.org/markup-compatibility/2006",
  xml: "http://www.w3.org/XML/1998/namespace",
  xmlns: "http://www.w3.org/2000/xmlns/",
} as const;

/**
 * SpreadsheetML nests a few dozen levels at most; saxes slows quadratically with depth
 * (160,000 unclosed <si> took minutes), so a part nested deeper than this is refused at once.
 */
const MAX_DEPTH = 256;

function notWellFormed(part: string, error: Error): UnreadablePackage {
  // saxes says "line:column: what."; a person reads "line 2, column 939: unexpected close tag".
  const found = /^(\d+):(\d+): (.*?)\.?$/.exec(error.message);
  const where = found ? `line ${found[1]}, column ${found[2]}: ${found[3]}` : error.message;
  return new UnreadablePackage(
    `The part ${part} of the workbook is damaged: its XML is not well-formed (${where}). Open the workbook in Excel and save it again, or use a backup.`
  );
}

/** The refusal of a part nested deeper than `MAX_DEPTH` (at `line`). */
function tooDeep(part: string, line: number): UnreadablePackage {
  return new UnreadablePackage(
    `The part ${part} of the workbook is damaged: its elements nest more than ${MAX_DEPTH} deep (line ${line}), as unclosed tags do. Open the workbook in Excel and save it again, or use a backup.`
  );
}

/**
 * The refusal of a part holding a text (one cell's, one string's) longer than V8 can hold:
 * a part may be up to 1,000 MB (zip.ts), so one value of over 512 M characters can arrive.
 */
function tooLong(part: string): UnreadablePackage {
  return new UnreadablePackage(
    `The part ${part} of the workbook holds a text longer than rule12b1 can read (about 512 million characters in one value), as damaged or hostile files do. Open the workbook in Excel and save it again, or use a backup.`
  );
}

/**
 * Sets the refusals on `parser` (its own handlers already set): every
 * well-formedness error, and any DTD, becomes an `UnreadablePackage` naming
 * `part`; returns `feed(chunk)` and `end()`, which throw those refusals and
 * nothing else of the input's making.
 *
 * Only saxes's own refusals (its "error" event) are the XML's fault. An error
 * thrown by a handler is a bug in rule12b1 and is passed on as it is (exit 3,
 * with its stack), not dressed up as damage in the user's file; a text past
 * V8's string limit is a resource the input exhausted (exit 2, a sentence).
 *
 * `const { feed, end } = guard(new SaxesParser(), "x.xml"); feed("<a/>"); end();`
 */
function guard(
  parser: SaxesParser<{ xmlns: true; position: true }>,
  part: string
): { feed: (chunk: string) => void; end: () => void } {
  parser.on("error", (error: Error) => {
    throw notWellFormed(part, error);
  });
  parser.on("doctype", () => {
    throw new UnreadablePackage(
      `The part ${part} of the workbook declares a DTD, which Office Open XML does not allow; rule12b1 does not read it. Save the workbook again from Excel.`
    );
  });
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

/** An attribute with its name resolved, as saxes's namespace mode reports it. */
export interface ResolvedAttribute {
  uri: string;
  prefix: string;
  local: string;
  value: string;
}

export interface StreamHandlers {
  /**
   * An element opens. `uri` is its namespace, SpreadsheetML's main one as the
   * `NS.main` string itself (comparing to it costs one pointer comparison). `attributes` are saxes's own, keyed by their names as
   * written, each with its URI: an unprefixed attribute (`r`, `t`) is in no
   * namespace (Namespaces in XML §6.3), so looking one up by its plain name is
   * looking it up by expanded name. `name` is the element's name as written;
   * `resolve` gives the URI a prefix stands for here ("" for the default
   * namespace), for prefixes inside attribute values (mc:Ignorable). The
   * object is saxes's: read it during the call, do not keep it.
   */
  open?: (
    uri: string,
    local: string,
    attributes: Readonly<Record<string, ResolvedAttribute>>,
    name: string,
    resolve: (prefix: string) => string | undefined
  ) => void;
  /** An element closes; `selfClosing` when it was written `<a/>`. */
  close?: (uri: string, local: string, selfClosing: boolean) => void;
  text?: (text: string) => void;
}

/**
 * The attributes of an element as `StreamHandlers.open` gave them, as a list:
 * unprefixed ones in no namespace, `xmlns` declarations in the xmlns
 * namespace, prefixed ones in their prefix's.
 *
 * `attributesOf(attributes)` → `[{ uri: "…/relationships", prefix: "r", local: "id", value: "rId1" }]` for `r:id="rId1"`
 */
export function attributesOf(
  attributes: Readonly<Record<string, ResolvedAttribute>>
): ResolvedAttribute[] {
  return Object.values(attributes).map(({ uri, prefix, local, value }) => ({
    uri,
    prefix,
    local,
    value,
  }));
}

/** A parser with `handlers` attached, ready to be fed (see `streamXml`). */
function handlersParser(part: string, handlers: StreamHandlers) {
  const parser = new SaxesParser<{ xmlns: true; position: true }>({
    xmlns: true,
    position: true,
  });
  const resolve = (prefix: string) => parser.resolve(prefix);
  // saxes hands every element of a namespace the one string its declaration held, equal to
  // `NS.main` but not the same string: comparing them is 60 characters compared, twice an
  // element in every reader (8% of the NAV-sheet scan). SpreadsheetML's is handed on as
  // `NS.main` itself, so a reader's `uri === NS.main` is one pointer comparison.
  let mainAsDeclared: string | null = null;
  const uriOf = (uri: string): string => {
    if (uri === mainAsDeclared) return NS.main;
    if (uri !== NS.main) return uri;
    mainAsDeclared = uri;
    return NS.main;
  };
  const { open, close } = handlers;
  let depth = 0;
  parser.on("opentag", (tag) => {
    depth += 1;
    if (depth > MAX_DEPTH) throw tooDeep(part, parser.line);
    // saxes's attribute objects as they are: copying them per element was a seventh of the
    // whole-sheet scan.
    if (open) open(uriOf(tag.uri), tag.local, tag.attributes, tag.name, resolve);
  });
  parser.on("closetag", (tag) => {
    if (close) close(uriOf(tag.uri), tag.local, tag.isSelfClosing);
    depth -= 1;
  });
  if (handlers.text) {
    parser.on("text", handlers.text);
    parser.on("cdata", handlers.text);
  }
  return guard(parser, part);
}

/**
 * Parses `source` (the whole text, or chunks of it) calling `handlers` in
 * document order with each element's namespace URI and local name; throws
 * `UnreadablePackage` naming `part` when the XML or its namespaces are not
 * well-formed, or it carries a DTD.
 *
 * `streamXml('<a xmlns="urn:x"><b/></a>', "x.xml", { open: (uri, local) => seen.push(`${uri} ${local}`) })`
 * → seen `["urn:x a", "urn:x b"]`
 */
export function streamXml(
  source: string | Iterable<string>,
  part: string,
  handlers: StreamHandlers
): void {
  const { feed, end } = handlersParser(part, handlers);
  if (typeof source === "string") feed(source);
  else for (const chunk of source) feed(chunk);
  end();
}

/**
 * `streamXml` fed as the chunks arrive — from a part being inflated, so a
 * 500 MB sheet is never held whole.
 *
 * `await streamXmlAsync(pkg.xmlStream(part)!, part, handlers)`
 */
export async function streamXmlAsync(
  source: AsyncIterable<string>,
  part: string,
  handlers: StreamHandlers
): Promise<void> {
  const { feed, end } = handlersParser(part, handlers);
  for await (const chunk of source) feed(chunk);
  end();
}
