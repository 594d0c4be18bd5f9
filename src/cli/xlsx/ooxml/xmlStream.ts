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
 * its words. A part is first read in saxes's plain mode with the namespaces
 * its root declares, which is how SpreadsheetML's sheets are written and
 * costs about three quarters of namespace mode's time; at the first sign the
 * part is not that simple case (a declaration below the root, a prefix the
 * root does not bind, a processing instruction, any refusal) it is read again
 * from its start in namespace mode, which alone decides from there. Nothing
 * here applies a namespace rule of its own: it only recognises the case in
 * which plain mode and the root's bindings give what namespace mode gives.
 * (A version that tracked declarations itself, 28c6579, was a hand-written
 * namespace processor and was not kept.)
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

/** The refusal of a part that declares a DTD (both readings refuse it in these words). */
function declaresDtd(part: string): UnreadablePackage {
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
function guard(
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
   * `NS.main` string itself (comparing to it costs one pointer comparison).
   * `attributes` are its attributes' values keyed by their names as written:
   * an unprefixed attribute (`r`, `t`) is in no namespace (Namespaces in XML
   * §6.3), so looking one up by its plain name is looking it up by expanded
   * name; `attributesOf` gives every attribute with its URI. `name` is the
   * element's name as written; `resolve` gives the URI a prefix stands for
   * here ("" for the default namespace), for prefixes inside attribute values
   * (mc:Ignorable). The object is the parser's: read it during the call, do
   * not keep it.
   */
  open?: (
    uri: string,
    local: string,
    attributes: Readonly<Record<string, string>>,
    name: string,
    resolve: (prefix: string) => string | undefined
  ) => void;
  /** An element closes; `selfClosing` when it was written `<a/>`. */
  close?: (uri: string, local: string, selfClosing: boolean) => void;
  text?: (text: string) => void;
}

/**
 * The attributes of an element as `StreamHandlers.open` gave them (with the
 * `resolve` it gave), as a list: unprefixed ones in no namespace, `xmlns`
 * declarations in the xmlns namespace, prefixed ones in their prefix's.
 *
 * `attributesOf({ "r:id": "rId1" }, resolve)` → `[{ uri: "…/relationships", prefix: "r", local: "id", value: "rId1" }]`
 */
export function attributesOf(
  attributes: Readonly<Record<string, string>>,
  resolve: (prefix: string) => string | undefined
): ResolvedAttribute[] {
  return Object.keys(attributes).map((name) => {
    const colon = name.indexOf(":");
    const prefix = colon < 0 ? "" : name.slice(0, colon);
    const local = colon < 0 ? name : name.slice(colon + 1);
    const uri = name === "xmlns" ? NS.xmlns : prefix === "" ? "" : (resolve(prefix) ?? "");
    return { uri, prefix, local, value: attributes[name]! };
  });
}

/** One reading of a part: fed its text in order, it calls the handlers. */
interface Reading {
  feed(chunk: string): void;
  end(): void;
  /** How many events (opened, closed, text) the handlers have been given. */
  delivered(): number;
}

/**
 * Thrown inside the fast reading when the part is not the simple case it
 * reads: the part is read again in namespace mode, which alone decides.
 */
class NamespaceModeNeeded extends Error {}

/**
 * Thrown inside the fast reading at a start tag below the root whose
 * attributes declare a namespace (or use a prefix the root does not bind,
 * which one of them may declare): `rest` is the text from that tag's `<` on.
 */
class HandOver extends Error {
  constructor(readonly rest: string) {
    super("hand over to namespace mode");
  }
}

/** `value` as an attribute value in double quotes. */
function quoted(value: string): string {
  return `"${value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;")}"`;
}

// saxes adds each handler to its parser as a property when it is set (a keyed store): past
// seven of them (six in namespace mode, which has a field more) V8 turns the parser into a
// dictionary, and saxes's per-character code reads its fields four to five times slower. So the
// fast reading sets seven and the namespace reading six, and processing instructions are found
// in the text (`<?`), not by a handler.
/**
 * The fast reading: saxes's plain mode, names resolved by the declarations
 * on the root element. It gives the handlers exactly what namespace mode
 * would while the part is that simple case, and throws `NamespaceModeNeeded`
 * — before giving them anything namespace mode would give differently — on
 * the first sign it is not:
 *
 * - a declaration below the root (Excel's `<ext xmlns:x14=…>`): each is an
 *   attribute, seen before its element is given on. Here the fast reading
 *   hands the rest of the part to namespace mode without reading it again:
 *   a namespace-mode parser is given the root's declarations and the open
 *   elements (what it would know at this point, as nothing below the root
 *   declared anything), then the text from this start tag on. If that
 *   parser refuses anything, the part is read again from its start, so the
 *   refusal is namespace mode's, at its place;
 * - a declaration on the root namespace mode would check: of `xml` or
 *   `xmlns`, of the xml or xmlns namespace, an empty or spaced URI, a prefix
 *   malformed, or a URI two prefixes share (their attributes' expanded names
 *   could clash);
 * - a prefix the root does not bind, or a name with an empty part or two
 *   colons, on an element or an attribute;
 * - a processing instruction (namespace mode refuses a target with a
 *   colon), found as the text `<?` anywhere but at the document's first
 *   character — and there, unless saxes read it as the XML declaration;
 * - anything plain mode refuses (namespace mode then refuses it in its own
 *   words, at its own place).
 */
function fastReading(part: string, handlers: StreamHandlers): Reading {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({
    xmlns: false,
    position: true,
  });
  // Prefix → URI as the root declares them, beside the two every document has.
  const bound: Record<string, string> = Object.create(null) as Record<string, string>;
  bound.xml = NS.xml;
  bound.xmlns = NS.xmlns;
  let defaultUri = "";
  const resolve = (prefix: string): string | undefined =>
    prefix === "" ? (defaultUri === "" ? undefined : defaultUri) : bound[prefix];
  const { open, close, text } = handlers;
  let rootSeen = false;
  let depth = 0;
  let delivered = 0;
  let fedBefore = 0; // characters fed so far
  let endsWithLt = false; // the last chunk fed ended with `<`: a `<?` may be cut in two
  let startsWithMarkup = false; // the document begins `<?`: its XML declaration, or a PI
  let lastPrefixed = ""; // the last prefixed attribute name found bound (`x14ac:dyDescent` a row)
  const openNames: string[] = []; // the elements open, the root first, as written
  let current = ""; // the chunk being read, and the one before it
  let previous = "";
  let rest: Reading | null = null; // the namespace-mode reading the part was handed to
  let restSkips = 0; // its first events: the open elements it was given
  const fallBack = (): never => {
    throw new NamespaceModeNeeded();
  };
  // A prefixed name (element or attribute) whose prefix the root binds; its local part, or null.
  const boundLocal = (name: string, colon: number): string | null => {
    const prefix = name.slice(0, colon);
    const local = name.slice(colon + 1);
    if (prefix === "" || prefix === "xmlns" || local === "" || local.includes(":")) return null;
    return bound[prefix] === undefined ? null : local;
  };
  const declareRoot = (attributes: Record<string, string>): boolean => {
    const uris = new Set<string>();
    const declared = (uri: string) =>
      uri !== "" && uri === uri.trim() && uri !== NS.xml && uri !== NS.xmlns;
    for (const name in attributes) {
      const uri = attributes[name]!;
      if (name === "xmlns") {
        if (!declared(uri)) return false;
        defaultUri = uri === NS.main ? NS.main : uri;
      } else if (name.startsWith("xmlns:")) {
        const prefix = name.slice(6);
        if (prefix === "" || prefix.includes(":") || prefix === "xml" || prefix === "xmlns")
          return false;
        if (!declared(uri) || uris.has(uri)) return false;
        uris.add(uri);
        bound[prefix] = uri === NS.main ? NS.main : uri;
      }
    }
    for (const name in attributes) {
      const colon = name.indexOf(":");
      if (colon >= 0 && !name.startsWith("xmlns:") && boundLocal(name, colon) === null)
        return false;
    }
    return true;
  };

  parser.on("error", fallBack);
  parser.on("doctype", () => {
    throw declaresDtd(part);
  });
  parser.on("opentag", (tag) => {
    if (!rootSeen) {
      if (startsWithMarkup && parser.xmlDecl.version === undefined) fallBack();
      if (!declareRoot(tag.attributes)) fallBack();
      rootSeen = true;
    }
    const name = tag.name;
    const colon = name.indexOf(":");
    const local = colon < 0 ? name : boundLocal(name, colon);
    if (local === null) return fallBack();
    depth += 1;
    if (depth > MAX_DEPTH) throw tooDeep(part, parser.line);
    delivered += 1;
    openNames.push(name);
    if (open)
      open(
        colon < 0 ? defaultUri : bound[name.slice(0, colon)]!,
        local,
        tag.attributes,
        name,
        resolve
      );
  });
  parser.on("closetag", (tag) => {
    const name = tag.name;
    const colon = name.indexOf(":");
    delivered += 1;
    depth -= 1;
    openNames.pop();
    if (close) {
      if (colon < 0) close(defaultUri, name, tag.isSelfClosing);
      else close(bound[name.slice(0, colon)]!, name.slice(colon + 1), tag.isSelfClosing);
    }
  });
  const onText = (value: string) => {
    delivered += 1;
    if (text) text(value);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("attribute", ({ name }) => {
    // The root's are checked with its declarations, which may come after them.
    if (!rootSeen || name === lastPrefixed) return;
    const colon = name.indexOf(":");
    if (colon < 0) {
      if (name === "xmlns") handOver();
      return;
    }
    if (boundLocal(name, colon) === null) handOver();
    lastPrefixed = name;
  });
  // The start tag being read begins at the last `<` before here (an attribute value holds none),
  // in this chunk or the one before; a tag longer than a chunk is read again from the start.
  const handOver = (): never => {
    const here = parser.position - fedBefore; // where this chunk is read to
    const lt = here > 0 ? current.lastIndexOf("<", here - 1) : -1;
    if (lt >= 0) throw new HandOver(current.slice(lt));
    const before = previous.lastIndexOf("<");
    if (before < 0) return fallBack();
    throw new HandOver(previous.slice(before) + current);
  };
  // What a namespace-mode parser needs to be where this reading is: the XML version (1.1 lets a
  // declaration undo a prefix), the root with its declarations, and the elements open below it.
  const context = (): string => {
    const declarations = Object.keys(bound)
      .filter((prefix) => prefix !== "xml" && prefix !== "xmlns")
      .map((prefix) => ` xmlns:${prefix}=${quoted(bound[prefix]!)}`);
    if (defaultUri !== "") declarations.unshift(` xmlns=${quoted(defaultUri)}`);
    const version = parser.xmlDecl.version === "1.1" ? '<?xml version="1.1"?>' : "";
    const [root, ...below] = openNames;
    return `${version}<${root}${declarations.join("")}>${below.map((n) => `<${n}>`).join("")}`;
  };
  const { feed, end } = guard(parser, part);
  // Runs `step` of this reading; at a hand-over, the rest goes to a namespace-mode reading.
  const reading = (step: () => void) => {
    try {
      step();
    } catch (error) {
      if (!(error instanceof HandOver)) throw error;
      restSkips = openNames.length;
      rest = namespaceReading(part, handlers, restSkips, true);
      rest.feed(context() + error.rest);
    }
  };
  return {
    feed: (next) => {
      if (rest) return rest.feed(next);
      // `<?` at the document's first character may be its XML declaration (checked at the
      // root); anywhere else it begins a processing instruction.
      const first = next.indexOf("<?");
      if (first >= 0) {
        if (first > 0 || fedBefore > 0 || next.includes("<?", 1)) fallBack();
        startsWithMarkup = true;
      }
      if (endsWithLt && next.startsWith("?")) {
        if (fedBefore > 1) fallBack();
        startsWithMarkup = true;
      }
      previous = current;
      current = next;
      reading(() => feed(next));
      fedBefore += next.length;
      if (next !== "") endsWithLt = next.endsWith("<");
    },
    end: () => {
      if (!rest) reading(end);
      if (rest) rest.end();
    },
    delivered: () => delivered + (rest ? rest.delivered() - restSkips : 0),
  };
}

/**
 * The reading in saxes's namespace mode, which applies every rule of
 * Namespaces in XML in its own words: the first `skip` events are not given
 * to the handlers (the fast reading already gave them, the same). A reading
 * `handedOver` the rest of a part (its text begun with a made-up context,
 * so its lines and columns are not the part's) throws `NamespaceModeNeeded`
 * for any refusal, to have the part read again from its start.
 */
function namespaceReading(
  part: string,
  handlers: StreamHandlers,
  skip: number,
  handedOver = false
): Reading {
  const parser = new SaxesParser<{ xmlns: true; position: true }>({
    xmlns: true,
    position: true,
  });
  const resolve = (prefix: string) => parser.resolve(prefix);
  // saxes hands every element of a namespace the one string its declaration held, equal to
  // `NS.main` but not the same string: SpreadsheetML's is handed on as `NS.main` itself.
  const uriOf = (uri: string): string => (uri === NS.main ? NS.main : uri);
  const { open, close, text } = handlers;
  let depth = 0;
  let delivered = 0;
  const due = () => {
    delivered += 1;
    return delivered > skip;
  };
  parser.on("error", (error: Error) => {
    if (handedOver) throw new NamespaceModeNeeded();
    throw notWellFormed(part, error);
  });
  parser.on("doctype", () => {
    throw declaresDtd(part);
  });
  parser.on("opentag", (tag) => {
    depth += 1;
    if (depth > MAX_DEPTH)
      throw handedOver ? new NamespaceModeNeeded() : tooDeep(part, parser.line);
    if (!due() || !open) return;
    const attributes = Object.create(null) as Record<string, string>;
    for (const name in tag.attributes) attributes[name] = tag.attributes[name]!.value;
    open(uriOf(tag.uri), tag.local, attributes, tag.name, resolve);
  });
  parser.on("closetag", (tag) => {
    depth -= 1;
    if (due() && close) close(uriOf(tag.uri), tag.local, tag.isSelfClosing);
  });
  const onText = (value: string) => {
    if (due() && text) text(value);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  const { feed, end } = guard(parser, part);
  return { feed, end, delivered: () => delivered };
}

/**
 * Parses `source` (the whole text, or a function giving its chunks afresh
 * each time it is called) calling `handlers` in document order with each
 * element's namespace URI and local name; throws `UnreadablePackage` naming
 * `part` when the XML or its namespaces are not well-formed, or it carries a
 * DTD.
 *
 * A part is read in saxes's plain mode with the namespaces its root declares
 * (`fastReading`) — about three quarters of namespace mode's time, and
 * SpreadsheetML's sheets are written that way — and, the moment it turns out
 * not to be that simple case, read again from its start in namespace mode
 * (`namespaceReading`), whose events and refusals alone count from the point
 * the first reading reached: the handlers see one reading, namespace mode's.
 * So `source` may be called twice.
 *
 * `streamXml('<a xmlns="urn:x"><b/></a>', "x.xml", { open: (uri, local) => seen.push(`${uri} ${local}`) })`
 * → seen `["urn:x a", "urn:x b"]`
 */
export function streamXml(
  source: string | (() => Iterable<string>),
  part: string,
  handlers: StreamHandlers
): void {
  const chunks = typeof source === "string" ? () => [source] : source;
  const fast = fastReading(part, handlers);
  try {
    for (const chunk of chunks()) fast.feed(chunk);
    fast.end();
    return;
  } catch (error) {
    if (!(error instanceof NamespaceModeNeeded)) throw error;
  }
  const full = namespaceReading(part, handlers, fast.delivered());
  for (const chunk of chunks()) full.feed(chunk);
  full.end();
}

/**
 * `streamXml` fed as the chunks arrive — from a part being inflated, so a
 * 500 MB sheet is never held whole. `source` is called again (the part
 * inflated again) when the part needs namespace mode after all.
 *
 * `await streamXmlAsync(() => pkg.xmlStream(part)!, part, handlers)`
 */
export async function streamXmlAsync(
  source: () => AsyncIterable<string>,
  part: string,
  handlers: StreamHandlers
): Promise<void> {
  const fast = fastReading(part, handlers);
  try {
    for await (const chunk of source()) fast.feed(chunk);
    fast.end();
    return;
  } catch (error) {
    if (!(error instanceof NamespaceModeNeeded)) throw error;
  }
  const full = namespaceReading(part, handlers, fast.delivered());
  for await (const chunk of source()) full.feed(chunk);
  full.end();
}
