/**
 * XML on a conformant parser (saxes): every part rule12b1 reads goes through
 * `streamXml`, so XML that is not well-formed — a missing `</row>`, 160,000
 * unclosed `<si>` — is refused in one linear pass with a sentence naming the
 * part, and names are resolved by namespace URI, never by the prefix a
 * writer happened to choose. A large part (the NAV sheet) is fed in chunks,
 * never one string.
 *
 * The rules of Namespaces in XML 1.0 are applied here rather than by
 * saxes's namespace mode, which resolves every attribute of every element and
 * builds an object and a set for each: on a 91,300-row NAV sheet that was a
 * third of the parse. Here the scope is kept as declarations arrive: an
 * unprefixed element costs no look-up, a prefixed one a single look-up, and
 * only an element with prefixed attributes has them resolved and checked.
 * The errors are the ones saxes's namespace mode reports (unbound prefix,
 * malformed qualified name, a duplicate expanded attribute name, the reserved
 * `xml`/`xmlns` bindings, undeclaring a prefix), in its words;
 * test/cli/xmlStream.test.ts holds this reader to saxes's own on a corpus.
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
 * Feeds `source` to `parser` (its own handlers already set) and closes it;
 * every well-formedness error, and any DTD, becomes an `UnreadablePackage`
 * naming `part`.
 *
 * `feedParser(new SaxesParser(), "<a/>", "x.xml")`
 */
function feedParser(
  parser: SaxesParser<{ xmlns: false; position: true }>,
  source: string | Iterable<string>,
  part: string
): void {
  parser.on("error", (error: Error) => {
    throw notWellFormed(part, error);
  });
  parser.on("doctype", () => {
    throw new UnreadablePackage(
      `The part ${part} of the workbook declares a DTD, which Office Open XML does not allow; rule12b1 does not read it. Save the workbook again from Excel.`
    );
  });
  try {
    if (typeof source === "string") parser.write(source);
    else for (const chunk of source) parser.write(chunk);
    parser.close();
  } catch (error) {
    if (error instanceof UnreadablePackage) throw error;
    throw notWellFormed(part, error as Error);
  }
}

export interface StreamHandlers {
  /**
   * An element opens. `attributes` are keyed by their names as written; an
   * unprefixed attribute (`r`, `t`) is in no namespace (Namespaces in XML §6.3),
   * so looking one up by its plain name is looking it up by expanded name.
   * `name` is the element's name as written; `resolve` gives the URI a prefix
   * stands for here ("" for the default namespace), for a reader that needs
   * the namespaces of attributes too (`attributesOf`).
   */
  open?: (
    uri: string,
    local: string,
    attributes: Record<string, string>,
    name: string,
    resolve: (prefix: string) => string | undefined
  ) => void;
  /** An element closes; `selfClosing` when it was written `<a/>`. */
  close?: (uri: string, local: string, selfClosing: boolean) => void;
  text?: (text: string) => void;
}

/** An attribute with its name resolved (the shape saxes's namespace mode reports). */
export interface ResolvedAttribute {
  uri: string;
  prefix: string;
  local: string;
  value: string;
}

/**
 * The attributes of an element as `StreamHandlers.open` gave them, with
 * their namespaces: unprefixed ones in none, `xmlns` declarations in the
 * xmlns namespace, prefixed ones in their prefix's.
 *
 * `attributesOf({ "r:id": "rId1" }, resolve)` → `[{ uri: "…/relationships", prefix: "r", local: "id", value: "rId1" }]`
 */
export function attributesOf(
  attributes: Record<string, string>,
  resolve: (prefix: string) => string | undefined
): ResolvedAttribute[] {
  return Object.entries(attributes).map(([name, value]) => {
    const colon = name.indexOf(":");
    if (colon < 0) return { uri: name === "xmlns" ? NS.xmlns : "", prefix: "", local: name, value };
    const prefix = name.slice(0, colon);
    return { uri: resolve(prefix) ?? "", prefix, local: name.slice(colon + 1), value };
  });
}

const KNOWN_URIS = new Map<string, string>(Object.values(NS).map((uri) => [uri, uri]));

interface Undo {
  depth: number;
  prefix: string;
  previous: string | undefined;
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
  const parser = new SaxesParser<{ xmlns: false; position: true }>({
    xmlns: false,
    position: true,
  });
  const fail = (message: string) => parser.fail(message);
  // The scope: prefix → URI now in force, and how to restore what each element's declarations hid.
  const bound = new Map<string, string>([
    ["xml", NS.xml],
    ["xmlns", NS.xmlns],
  ]);
  let defaultUri = "";
  const undo: Undo[] = [];
  const uris: string[] = [];
  const locals: string[] = [];
  let depth = 0;

  const resolve = (prefix: string) => (prefix === "" ? defaultUri : bound.get(prefix));
  const declare = (prefix: string, value: string) => {
    // Trimmed, as saxes does; a well-known URI is taken as our own constant, so comparing an
    // element's URI with it (for every element of the sheet) finds the same string at once.
    const trimmed = value.trim();
    const uri = KNOWN_URIS.get(trimmed) ?? trimmed;
    if (prefix !== "" && uri === "" && parser.xmlDecl.version !== "1.1")
      fail("invalid attempt to undefine prefix in XML 1.0");
    checkBinding(prefix, uri, fail);
    undo.push({ depth, prefix, previous: prefix === "" ? defaultUri : bound.get(prefix) });
    if (prefix === "") defaultUri = uri;
    else bound.set(prefix, uri);
  };
  const resolvePrefixed = (name: string, colon: number, isElement: boolean) => {
    const prefix = name.slice(0, colon);
    const local = name.slice(colon + 1);
    if (prefix === "" || local === "" || local.includes(":")) fail(`malformed name: ${name}.`);
    if (isElement && prefix === "xmlns") fail('tags may not have "xmlns" as prefix.');
    const uri = bound.get(prefix);
    if (uri === undefined || uri === "") {
      fail(`unbound namespace prefix: ${JSON.stringify(prefix)}.`);
      return { uri: prefix, local };
    }
    return { uri, local };
  };
  // Only an element with two prefixed attributes can repeat an expanded name (`a:x` and `b:x`
  // for one URI); a lone one (Excel's `x14ac:dyDescent` on every row) needs only its prefix bound.
  const checkPrefixedAttributes = (attributes: Record<string, string>, count: number) => {
    const seen = count > 1 ? new Set<string>() : null;
    for (const name in attributes) {
      const colon = name.indexOf(":");
      if (colon < 0 || name.startsWith("xmlns:")) continue;
      const { uri, local } = resolvePrefixed(name, colon, false);
      if (seen === null) return;
      const expanded = `{${uri}}${local}`;
      if (seen.has(expanded)) fail(`duplicate attribute: ${expanded}.`);
      seen.add(expanded);
    }
  };

  parser.on("processinginstruction", ({ target }) => {
    // Under namespaces a processing instruction's target is an NCName.
    if (target.includes(":")) fail("disallowed character in processing instruction name.");
  });
  parser.on("opentag", (tag) => {
    depth += 1;
    if (depth > MAX_DEPTH) throw tooDeep(part, parser.line);
    const attributes = tag.attributes;
    let prefixed = 0;
    const names = Object.keys(attributes);
    for (let i = 0; i < names.length; i += 1) {
      const name = names[i]!;
      if (!name.includes(":") && name !== "xmlns") continue;
      if (name === "xmlns") declare("", attributes[name]!);
      else if (name.startsWith("xmlns:")) {
        const prefix = name.slice(6);
        if (prefix === "" || prefix.includes(":")) fail(`malformed name: ${name}.`);
        declare(prefix, attributes[name]!);
      } else prefixed += 1;
    }
    const name = tag.name;
    const colon = name.indexOf(":");
    let uri = defaultUri;
    let local = name;
    if (colon >= 0) ({ uri, local } = resolvePrefixed(name, colon, true));
    if (prefixed > 0) checkPrefixedAttributes(attributes, prefixed);
    uris[depth] = uri;
    locals[depth] = local;
    handlers.open?.(uri, local, tag.attributes, name, resolve);
  });
  parser.on("closetag", (tag) => {
    handlers.close?.(uris[depth]!, locals[depth]!, tag.isSelfClosing);
    while (undo.length > 0 && undo[undo.length - 1]!.depth === depth) {
      const { prefix, previous } = undo.pop()!;
      if (prefix === "") defaultUri = previous!;
      else if (previous === undefined) bound.delete(prefix);
      else bound.set(prefix, previous);
    }
    depth -= 1;
  });
  if (handlers.text) {
    parser.on("text", handlers.text);
    parser.on("cdata", handlers.text);
  }
  feedParser(parser, source, part);
}

/** The reserved bindings of Namespaces in XML 1.0 (§3), in saxes's words. */
function checkBinding(prefix: string, uri: string, fail: (message: string) => void): void {
  if (prefix === "xml" && uri !== NS.xml) fail(`xml prefix must be bound to ${NS.xml}.`);
  if (prefix === "xmlns" && uri !== NS.xmlns) fail(`xmlns prefix must be bound to ${NS.xmlns}.`);
  if (uri === NS.xmlns)
    fail(
      prefix === ""
        ? `the default namespace may not be set to ${uri}.`
        : `may not assign a prefix (even "xmlns") to the URI ${NS.xmlns}.`
    );
  if (uri === NS.xml && prefix !== "xml")
    fail(
      prefix === ""
        ? `the default namespace may not be set to ${uri}.`
        : "may not assign the xml namespace to another prefix."
    );
}
