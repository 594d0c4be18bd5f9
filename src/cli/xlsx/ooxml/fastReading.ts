/**
 * The fast reading of an XML part: saxes's plain mode, names resolved by the
 * declarations on the root element — how SpreadsheetML's sheets are written,
 * read in about three quarters of namespace mode's time. It gives the
 * handlers exactly what namespace mode would while the part is that simple
 * case, and gives way to namespace mode (`namespaceReading.ts`) — before
 * giving them anything namespace mode would give differently — at the first
 * sign it is not:
 *
 * - a declaration below the root (Excel's `<ext xmlns:x14=…>`), or a prefix
 *   the root does not bind on an attribute (a declaration in the same tag may
 *   bind it): the rest of the part is handed to a namespace-mode reading
 *   without reading it again — given the root's bindings, the XML version's
 *   rules and the open elements (all it would know there, as nothing below
 *   the root declared anything), then the text from that start tag's `<` on.
 *   If that reading refuses anything, the part is read again from its start,
 *   so the refusal is said at its place;
 * - a declaration on the root that namespace mode would check (of `xml` or
 *   `xmlns`, of the xml or xmlns namespace, an empty or spaced URI, a
 *   malformed prefix, a URI two prefixes share), a prefix the root does not
 *   bind on an element, a name with an empty part or two colons, a
 *   processing instruction (namespace mode refuses a target with a colon;
 *   found as the text `<?` anywhere but at the document's first character,
 *   and there unless saxes read it as the XML declaration), or anything plain
 *   mode refuses: `NamespaceModeNeeded`, and the part is read again from its
 *   start in namespace mode, which alone decides.
 *
 * Nothing here applies a rule of Namespaces in XML: it only recognises the
 * case in which plain mode and the root's bindings give what namespace mode
 * gives, and leaves every other to saxes.
 */
import { SaxesParser } from "saxes";
import { mainAsNS, NS } from "./namespaceUris";
import {
  type HandedOver,
  NamespaceModeNeeded,
  namespaceReading,
  type Reading,
} from "./namespaceReading";
import { declaresDtd, guard, MAX_DEPTH, tooDeep } from "./xmlRefusals";
import type { StreamHandlers } from "./xmlStream";

/**
 * Thrown inside the fast reading at a start tag below the root that
 * declares a namespace or uses a prefix the root does not bind: `rest` is
 * the text from that tag's `<` on.
 */
class HandOver extends Error {
  constructor(readonly rest: string) {
    super("hand over to namespace mode");
  }
}

/** `name.indexOf(":")`, by hand: the builtin's call costs more than the search in names this short. */
function colonIn(name: string): number {
  for (let i = 0; i < name.length; i += 1) if (name.charCodeAt(i) === 58) return i;
  return -1;
}

/**
 * A fast reading of `part` for `handlers` (see the module comment).
 *
 * saxes adds each handler to its parser as a property when it is set (a
 * keyed store): past seven of them a plain-mode parser becomes a V8
 * dictionary and reads four to five times slower — what sank the root-map
 * parser measured in bench/RESULTS.md (4e). So seven handlers, and
 * processing instructions are found in the text, not by an eighth.
 */
export function fastReading(part: string, handlers: StreamHandlers): Reading {
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
  let delivered = 0;
  let fedBefore = 0; // characters fed so far
  let endsWithLt = false; // the last chunk fed ended with `<`: a `<?` may be cut in two
  let startsWithQuestion = false; // the document begins `<?`: its XML declaration, or a PI
  let lastPrefixed = ""; // the last prefixed attribute name found bound (`x14ac:dyDescent` a row)
  const openNames: string[] = []; // the elements open, the root first, as written (the depth)
  let current = ""; // the chunk being read, and the one before it
  let previous = "";
  let handedTo: Reading | null = null; // the namespace-mode reading the rest went to
  let handedSkips = 0; // its first events: the open elements it was given
  const readAgain = (): never => {
    throw new NamespaceModeNeeded();
  };
  // Before anything is given on: a document that begins `<?` not as its XML declaration holds a PI.
  const checkStart = () => {
    if (startsWithQuestion && parser.xmlDecl.version === undefined) readAgain();
  };
  // A prefixed name (element or attribute) whose prefix the root binds; its local part, or null.
  const boundLocal = (name: string, colon: number): string | null => {
    const prefix = name.slice(0, colon);
    const local = name.slice(colon + 1);
    if (prefix === "" || prefix === "xmlns" || local === "" || local.includes(":")) return null;
    return bound[prefix] === undefined ? null : local;
  };
  // Takes the root's declarations when namespace mode would accept them without a check.
  const declareRoot = (attributes: Record<string, string>): boolean => {
    const uris = new Set<string>();
    const plainUri = (uri: string) =>
      uri !== "" && uri === uri.trim() && uri !== NS.xml && uri !== NS.xmlns;
    for (const name in attributes) {
      const uri = attributes[name]!;
      if (name === "xmlns") {
        if (!plainUri(uri)) return false;
        defaultUri = mainAsNS(uri);
      } else if (name.startsWith("xmlns:")) {
        const prefix = name.slice(6);
        if (prefix === "" || prefix.includes(":") || prefix === "xml" || prefix === "xmlns")
          return false;
        if (!plainUri(uri) || uris.has(uri)) return false;
        uris.add(uri);
        bound[prefix] = mainAsNS(uri);
      }
    }
    for (const name in attributes) {
      const colon = name.indexOf(":");
      if (colon >= 0 && !name.startsWith("xmlns:") && boundLocal(name, colon) === null)
        return false;
    }
    return true;
  };
  // The start tag being read begins at the last `<` before here (an attribute value holds none),
  // in this chunk or the one before; a tag longer than a chunk is read again from the start.
  const handOver = (): never => {
    const here = parser.position - fedBefore; // where this chunk is read to
    const lt = here > 0 ? current.lastIndexOf("<", here - 1) : -1;
    if (lt >= 0) throw new HandOver(current.slice(lt));
    const before = previous.lastIndexOf("<");
    if (before < 0) return readAgain();
    throw new HandOver(previous.slice(before) + current);
  };

  parser.on("error", readAgain);
  parser.on("doctype", () => {
    checkStart();
    throw declaresDtd(part);
  });
  parser.on("opentag", (tag) => {
    if (!rootSeen) {
      checkStart();
      if (!declareRoot(tag.attributes)) readAgain();
      rootSeen = true;
    }
    const name = tag.name;
    const colon = colonIn(name);
    const local = colon < 0 ? name : boundLocal(name, colon);
    if (local === null) return readAgain();
    if (openNames.length >= MAX_DEPTH) throw tooDeep(part, parser.line);
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
    const colon = colonIn(name);
    delivered += 1;
    openNames.pop();
    if (close) {
      if (colon < 0) close(defaultUri, name, tag.isSelfClosing);
      else close(bound[name.slice(0, colon)]!, name.slice(colon + 1), tag.isSelfClosing);
    }
  });
  const onText = (value: string) => {
    if (!rootSeen) checkStart();
    delivered += 1;
    if (text) text(value);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("attribute", ({ name }) => {
    // The root's are checked with its declarations, which may come after them.
    if (!rootSeen || name === lastPrefixed) return;
    const colon = colonIn(name);
    if (colon < 0) {
      if (name === "xmlns") handOver();
      return;
    }
    if (boundLocal(name, colon) === null) handOver();
    lastPrefixed = name;
  });

  const { feed, end } = guard(parser, part);
  // Runs a step of this reading; at a hand-over, the rest of the part goes to namespace mode,
  // which is given the open elements' start tags first (and passes over their events).
  const step = (run: () => void) => {
    try {
      run();
    } catch (error) {
      if (!(error instanceof HandOver)) throw error;
      const bindings: HandedOver["bindings"] = {};
      for (const prefix in bound)
        if (prefix !== "xml" && prefix !== "xmlns") bindings[prefix] = bound[prefix]!;
      if (defaultUri !== "") bindings[""] = defaultUri;
      const version = parser.xmlDecl.version;
      handedSkips = openNames.length;
      handedTo = namespaceReading(part, handlers, handedSkips, {
        bindings,
        version: version === undefined || version === "1.0" ? "1.0" : "1.1",
      });
      handedTo.feed(openNames.map((name) => `<${name}>`).join("") + error.rest);
    }
  };
  return {
    feed: (next) => {
      if (handedTo) return handedTo.feed(next);
      // `<?` at the document's first character may be its XML declaration (`checkStart`);
      // anywhere else it begins a processing instruction.
      const first = next.indexOf("<?");
      if (first >= 0) {
        if (first > 0 || fedBefore > 0 || next.includes("<?", 1)) readAgain();
        startsWithQuestion = true;
      }
      if (endsWithLt && next.startsWith("?")) {
        if (fedBefore > 1) readAgain();
        startsWithQuestion = true;
      }
      previous = current;
      current = next;
      step(() => feed(next));
      fedBefore += next.length;
      if (next !== "") endsWithLt = next.endsWith("<");
    },
    end: () => {
      if (!handedTo) step(end);
      if (handedTo) handedTo.end();
    },
    // A hand-over refused within the start tags it was given has given nothing on.
    delivered: () => delivered + (handedTo ? Math.max(handedTo.delivered() - handedSkips, 0) : 0),
  };
}
