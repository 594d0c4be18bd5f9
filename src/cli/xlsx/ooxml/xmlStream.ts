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
 *
 * One shortcut (issue 24): a part whose text names `xmlns` nowhere after its
 * root element's start tag — every sheet and shared-string table Excel
 * writes — has one namespace map for the whole document, the root's. Such a
 * part is parsed with saxes's namespace mode off (about 0.6× the time) and
 * its names resolved in that one map; the root's declarations themselves
 * are still checked by saxes's namespace mode (the root start tag alone),
 * and a prefix, name or duplicate the namespace mode would refuse is refused
 * in the same words. Any other part, or any doubt, takes the namespace mode
 * (`test/cli/xmlStream.test.ts` holds the two to the same events on random
 * and real parts).
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
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
  parser: SaxesParser<{ xmlns: boolean; position: true }>,
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

/**
 * The attributes of the element being opened: read them during the call,
 * do not keep the object (it is the parser's and changes with every element).
 */
export interface OpenAttributes {
  /**
   * The value of the attribute written `name`, or undefined. An unprefixed
   * attribute (`r`, `t`) is in no namespace (Namespaces in XML §6.3), so
   * looking one up by its plain name is looking it up by expanded name.
   */
  get(name: string): string | undefined;
  /**
   * Every attribute with its name resolved: unprefixed ones in no namespace,
   * `xmlns` declarations in the xmlns namespace, prefixed ones in their
   * prefix's. Built on request (the canonical writer), not per element.
   *
   * `attributes.list()` → `[{ uri: "…/relationships", prefix: "r", local: "id", value: "rId1" }]` for `r:id="rId1"`
   */
  list(): ResolvedAttribute[];
}

export interface StreamHandlers {
  /**
   * An element opens, with its namespace URI and local name, its attributes,
   * its name as written, and `resolve`, giving the URI a prefix stands for
   * here ("" for the default namespace), for prefixes inside attribute values
   * (mc:Ignorable).
   */
  open?: (
    uri: string,
    local: string,
    attributes: OpenAttributes,
    name: string,
    resolve: (prefix: string) => string | undefined
  ) => void;
  /** An element closes; `selfClosing` when it was written `<a/>`. */
  close?: (uri: string, local: string, selfClosing: boolean) => void;
  text?: (text: string) => void;
}

/** The parser of a part, fed by `streamXml` and `streamXmlAsync`. */
interface Feeder {
  feed: (chunk: string) => void;
  end: () => void;
}

/** A parser with `handlers` attached in saxes's namespace mode, ready to be fed. */
function namespaceParser(part: string, handlers: StreamHandlers): Feeder {
  const parser = new SaxesParser<{ xmlns: true; position: true }>({
    xmlns: true,
    position: true,
  });
  const resolve = (prefix: string) => parser.resolve(prefix);
  let tag: { attributes: Record<string, ResolvedAttribute> } | null = null;
  const attributes: OpenAttributes = {
    get: (name) => tag!.attributes[name]?.value,
    list: () =>
      Object.values(tag!.attributes).map(({ uri, prefix, local, value }) => ({
        uri,
        prefix,
        local,
        value,
      })),
  };
  let depth = 0;
  parser.on("opentag", (opened) => {
    depth += 1;
    if (depth > MAX_DEPTH) throw tooDeep(part, parser.line);
    // saxes's attribute objects as they are: copying them per element was a seventh of the
    // whole-sheet scan.
    tag = opened;
    handlers.open?.(opened.uri, opened.local, attributes, opened.name, resolve);
  });
  parser.on("closetag", (closed) => {
    handlers.close?.(closed.uri, closed.local, closed.isSelfClosing);
    depth -= 1;
  });
  if (handlers.text) {
    parser.on("text", handlers.text);
    parser.on("cdata", handlers.text);
  }
  return guard(parser, part);
}

/** A name split at its colon, as saxes's namespace mode splits it; null when malformed. */
function splitName(name: string, colon: number): { prefix: string; local: string } | null {
  const prefix = name.slice(0, colon);
  const local = name.slice(colon + 1);
  return prefix === "" || local === "" || local.includes(":") ? null : { prefix, local };
}

const XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NAMESPACE = "http://www.w3.org/2000/xmlns/";

/** Thrown at the root when its declarations are not ones the shortcut takes: parse again in namespace mode. */
class TakeNamespaceMode extends Error {}

const escapeValue = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/**
 * The namespace map the root start tag `name` with `attributes` declares,
 * as saxes's namespace mode builds and checks it (the tag written again and
 * parsed alone), with the predefined `xml` and `xmlns`; null when saxes
 * refuses it — the whole part is then parsed in namespace mode, which says why.
 */
function rootNamespaces(
  name: string,
  attributes: Readonly<Record<string, string>>
): Record<string, string> | null {
  let tag = `<${name}`;
  for (const key in attributes) tag += ` ${key}="${escapeValue(attributes[key]!)}"`;
  const parser = new SaxesParser({ xmlns: true });
  let map: Record<string, string> | null = null;
  let refused = false;
  parser.on("error", () => (refused = true));
  parser.on("opentag", (opened) => {
    map = { xml: XML_NAMESPACE, xmlns: XMLNS_NAMESPACE, ...opened.ns };
  });
  try {
    parser.write(`${tag}/>`).close();
  } catch {
    refused = true;
  }
  return refused ? null : map;
}

/**
 * A parser with `handlers` attached, namespace mode off, names resolved in
 * the root element's namespace map (see the module comment): for a part
 * known to declare namespaces only on its root. Throws `TakeNamespaceMode`
 * at the root, before any handler is called, when that map is not one the
 * namespace mode accepts; an element with a declaration below the root is a
 * bug in the caller's promise and is thrown as one.
 */
function rootMapParser(part: string, handlers: StreamHandlers): Feeder {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({
    xmlns: false,
    position: true,
  });
  let map: Record<string, string> | null = null;
  const resolve = (prefix: string) => map![prefix];
  let tag: SaxesTagPlain | null = null;
  let root = true;
  const attributes: OpenAttributes = {
    get: (name) => tag!.attributes[name],
    list: () =>
      Object.entries(tag!.attributes).map(([name, value]) => {
        const colon = name.indexOf(":");
        if (colon < 0)
          return { uri: name === "xmlns" ? XMLNS_NAMESPACE : "", prefix: "", local: name, value };
        const prefix = name.slice(0, colon);
        return { uri: map![prefix]!, prefix, local: name.slice(colon + 1), value };
      }),
  };
  // saxes's fail() calls the error handler, which throws the refusal (see `guard`).
  const refuse = (message: string): never => {
    parser.fail(message);
    throw new Error(`${part}: saxes did not refuse "${message}"`);
  };
  // Names are resolved once per distinct name as written: a sheet has a dozen.
  const elements = new Map<string, { uri: string; local: string }>();
  const element = (name: string): { uri: string; local: string } => {
    let found = elements.get(name);
    if (found !== undefined) return found;
    const colon = name.indexOf(":");
    if (colon < 0) found = { uri: map![""] ?? "", local: name };
    else {
      const split = splitName(name, colon);
      if (split === null) return refuse(`malformed name: ${name}.`);
      if (split.prefix === "xmlns") return refuse('tags may not have "xmlns" as prefix.');
      const uri = map![split.prefix];
      if (uri === undefined)
        return refuse(`unbound namespace prefix: ${JSON.stringify(split.prefix)}.`);
      found = { uri, local: split.local };
    }
    elements.set(name, found);
    return found;
  };
  // Prefixed attributes are checked as the namespace mode checks them; unprefixed ones need nothing.
  const checkAttributes = (opened: SaxesTagPlain) => {
    let seen: Set<string> | null = null;
    for (const name in opened.attributes) {
      const colon = name.indexOf(":");
      if (colon < 0) {
        if (name === "xmlns" && !root)
          throw new Error(`${part}: a namespace declaration below the root`);
        continue;
      }
      const split = splitName(name, colon);
      if (split === null) return refuse(`malformed name: ${name}.`);
      if (split.prefix === "xmlns" && !root)
        throw new Error(`${part}: a namespace declaration below the root`);
      const uri = map![split.prefix];
      if (uri === undefined)
        return refuse(`unbound namespace prefix: ${JSON.stringify(split.prefix)}.`);
      const expanded = `{${uri}}${split.local}`;
      seen ??= new Set();
      if (seen.has(expanded)) return refuse(`duplicate attribute: ${expanded}.`);
      seen.add(expanded);
    }
  };
  let depth = 0;
  parser.on("opentag", (opened) => {
    if (root) {
      map = rootNamespaces(opened.name, opened.attributes);
      if (map === null) throw new TakeNamespaceMode();
    }
    depth += 1;
    if (depth > MAX_DEPTH) throw tooDeep(part, parser.line);
    const resolved = element(opened.name);
    checkAttributes(opened);
    root = false;
    tag = opened;
    handlers.open?.(resolved.uri, resolved.local, attributes, opened.name, resolve);
  });
  parser.on("closetag", (closed) => {
    const resolved = elements.get(closed.name);
    if (resolved) handlers.close?.(resolved.uri, resolved.local, closed.isSelfClosing);
    depth -= 1;
  });
  // The namespace mode refuses a colon in a processing instruction's target (Namespaces in XML §7).
  parser.on("processinginstruction", (pi) => {
    if (pi.target.includes(":"))
      parser.fail("disallowed character in processing instruction name.");
  });
  if (handlers.text) {
    parser.on("text", handlers.text);
    parser.on("cdata", handlers.text);
  }
  return guard(parser, part);
}

/**
 * Where the root element's start tag ends in `text` (just past its `>`), or
 * -1 when `text` does not reach it: the first `<` that opens an element,
 * then the first `>`. Never later than the true end — a `<` inside a comment
 * before the root, or a `>` inside an attribute value, makes it earlier, and
 * so only sends a part to the namespace mode.
 */
export function rootStartTagEnd(text: string): number {
  for (let at = text.indexOf("<"); at >= 0; at = text.indexOf("<", at + 1)) {
    const next = text.charCodeAt(at + 1);
    if (next === 63 || next === 33) continue; // "<?", "<!"
    const end = text.indexOf(">", at);
    return end < 0 ? -1 : end + 1;
  }
  return -1;
}

/**
 * Whether `text`, a whole part, may be parsed in the root's namespace map:
 * it names `xmlns` nowhere after its root element's start tag.
 *
 * `namespacesOnlyOnRoot('<a xmlns="urn:a"><b/></a>')` → true; `namespacesOnlyOnRoot('<a><b xmlns="urn:b"/></a>')` → false
 */
export function namespacesOnlyOnRoot(text: string): boolean {
  const end = rootStartTagEnd(text);
  return end >= 0 && text.indexOf("xmlns", end) < 0;
}

/** The parser for `part`: the root map's when `rootOnly`, else the namespace mode's. */
function handlersParser(part: string, handlers: StreamHandlers, rootOnly: boolean): Feeder {
  return rootOnly ? rootMapParser(part, handlers) : namespaceParser(part, handlers);
}

/**
 * Parses `source` (the whole text, or chunks of it) calling `handlers` in
 * document order with each element's namespace URI and local name; throws
 * `UnreadablePackage` naming `part` when the XML or its namespaces are not
 * well-formed, or it carries a DTD. A whole text that declares namespaces
 * only on its root takes the root map's parser; chunks take it when the
 * caller knows as much (`rootOnly`, from `XlsxPackage.namespacesOnlyOnRoot`).
 *
 * `streamXml('<a xmlns="urn:x"><b/></a>', "x.xml", { open: (uri, local) => seen.push(`${uri} ${local}`) })`
 * → seen `["urn:x a", "urn:x b"]`
 */
export function streamXml(
  source: string | Iterable<string>,
  part: string,
  handlers: StreamHandlers,
  rootOnly = typeof source === "string" && namespacesOnlyOnRoot(source)
): void {
  try {
    feedAll(handlersParser(part, handlers, rootOnly), source);
  } catch (error) {
    // Thrown at the root element, before any handler ran: the whole text again, namespace mode.
    if (!(error instanceof TakeNamespaceMode)) throw error;
    if (typeof source !== "string") throw new Error(`${part}: chunks cannot be parsed twice`);
    feedAll(namespaceParser(part, handlers), source);
  }
}

function feedAll({ feed, end }: Feeder, source: string | Iterable<string>): void {
  if (typeof source === "string") feed(source);
  else for (const chunk of source) feed(chunk);
  end();
}

/**
 * `streamXml` fed as the chunks arrive — from a part being inflated, so a
 * 500 MB sheet is never held whole. `again` gives the chunks afresh, for the
 * root map's parser (`rootOnly`) when the root's declarations send the part
 * to the namespace mode (before any handler was called).
 *
 * `await streamXmlAsync(pkg.xmlStream(part)!, part, handlers)`
 */
export async function streamXmlAsync(
  source: AsyncIterable<string>,
  part: string,
  handlers: StreamHandlers,
  rootOnly: { again: () => AsyncIterable<string> } | null = null
): Promise<void> {
  try {
    const { feed, end } = handlersParser(part, handlers, rootOnly !== null);
    for await (const chunk of source) feed(chunk);
    end();
  } catch (error) {
    if (!(error instanceof TakeNamespaceMode)) throw error;
    const { feed, end } = namespaceParser(part, handlers);
    for await (const chunk of rootOnly!.again()) feed(chunk);
    end();
  }
}
