/**
 * The canonical form of the parts the runner edits, read by the conformant
 * parser (`xmlStream.ts`).
 *
 * A part the runner edits is first written out again in one canonical form
 * (`canonicalXml`): SpreadsheetML as the default namespace, relationships as
 * `r:`, VML as `v:`/`o:`/`x:`, other namespaces with their writer's prefix
 * (some readers match prefixes literally), every one declared on the root,
 * attributes in double quotes, `<x />` as `<x/>`. The editors then
 * work on text whose shape is known, and every prefix they write is
 * declared. Parts the runner does not edit are not re-written.
 */
import { UnreadablePackage } from "./packageError";
import { attributesOf, NS, streamXml } from "./xmlStream";

export { NS };

/** The prefix each well-known namespace gets in canonical form (the root's own is the default). */
const PREFERRED_PREFIX: Record<string, string> = {
  [NS.relationships]: "r",
  [NS.markupCompatibility]: "mc",
  "urn:schemas-microsoft-com:vml": "v",
  "urn:schemas-microsoft-com:office:office": "o",
  "urn:schemas-microsoft-com:office:excel": "x",
  "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": "cp",
  "http://purl.org/dc/elements/1.1/": "dc",
  "http://purl.org/dc/terms/": "dcterms",
  "http://www.w3.org/2001/XMLSchema-instance": "xsi",
};

/** Well-known prefixes stand only for their own namespace, so an editor may write `r:id` wherever `r` is declared. */
const RESERVED_PREFIXES = new Set(Object.values(PREFERRED_PREFIX));

/** Markup-compatibility attributes whose values list prefixes (ECMA-376 Part 3). */
const PREFIX_LIST_ATTRIBUTES = new Set([
  "Ignorable",
  "ProcessContent",
  "PreserveElements",
  "PreserveAttributes",
  "MustUnderstand",
]);

function escapeAttribute(value: string): string {
  if (!/[&<>"\t\n\r]/.test(value)) return value;
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

function escapeBody(text: string): string {
  if (!/[&<>\r]/.test(text)) return text;
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
}

/**
 * `xml` written again in canonical form (see the module comment): the same
 * document — same elements, attributes and text, names in the same
 * namespaces — with declarations on the root, standard prefixes, and no
 * comments or processing instructions. Also returns the root's namespace URI
 * (how a Strict Open XML workbook is recognised).
 *
 * `canonicalXml("<x:a xmlns:x='http://schemas.openxmlformats.org/spreadsheetml/2006/main'><x:b c='1' /></x:a>", "p.xml").xml`
 * → `'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><b c="1"/></a>'`
 */
export function canonicalXml(xml: string, part: string): { xml: string; rootUri: string } {
  const out: string[] = [];
  const prefixOf = new Map<string, string>(); // namespace URI → canonical prefix ("" = default)
  const taken = new Set<string>();
  let rootUri: string | null = null;
  let rootDeclarationsAt = -1;
  let openPending = false;

  // Each namespace keeps the prefix its writer chose (some readers match prefixes literally),
  // except SpreadsheetML, which becomes the default, and the well-known ones, which get theirs.
  const claim = (uri: string, written: string) => {
    if (uri === "" || prefixOf.has(uri) || uri === NS.xml) return;
    const preferred = uri === NS.main ? "" : PREFERRED_PREFIX[uri];
    let prefix = preferred ?? written;
    if (taken.has(prefix) || (preferred === undefined && RESERVED_PREFIXES.has(prefix))) {
      prefix = "ns1";
      for (let n = 2; taken.has(prefix); n += 1) prefix = `ns${n}`;
    }
    prefixOf.set(uri, prefix);
    taken.add(prefix);
  };
  const qualified = (uri: string, local: string, isAttribute: boolean) => {
    if (uri === "") {
      if (!isAttribute && taken.has(""))
        throw new UnreadablePackage(
          `The part ${part} of the workbook has an element <${local}> outside any namespace inside a namespaced document; rule12b1 does not read it. Save the workbook again from Excel.`
        );
      return local;
    }
    if (uri === NS.xml) return `xml:${local}`;
    const prefix = prefixOf.get(uri)!;
    return prefix === "" ? local : `${prefix}:${local}`;
  };
  const flushOpen = () => {
    if (openPending) out.push(">");
    openPending = false;
  };

  streamXml(xml, part, {
    open: (uri, local, written, name, resolve) => {
      flushOpen();
      if (rootUri === null) rootUri = uri;
      const attributes = attributesOf(written, resolve);
      for (const a of attributes)
        if (a.uri === NS.xmlns) claim(a.value.trim(), a.prefix === "xmlns" ? a.local : "");
      claim(uri, name.includes(":") ? name.slice(0, name.indexOf(":")) : "");
      for (const a of attributes) if (a.uri !== "" && a.uri !== NS.xmlns) claim(a.uri, a.prefix);
      let text = `<${qualified(uri, local, false)}`;
      if (rootDeclarationsAt < 0) {
        out.push(text);
        rootDeclarationsAt = out.length;
        out.push("");
        text = "";
      }
      for (const a of attributes) {
        if (a.uri === NS.xmlns) continue;
        let value = a.value;
        if (a.uri === NS.markupCompatibility && PREFIX_LIST_ATTRIBUTES.has(a.local))
          value = value
            .split(/\s+/)
            .filter(Boolean)
            .map((token) => {
              const [prefix, local] = token.includes(":") ? token.split(":") : [token, null];
              const uri = resolve(prefix!);
              const mapped = uri === undefined ? prefix : prefixOf.get(uri);
              return local === null ? mapped : `${mapped}:${local}`;
            })
            .join(" ");
        text += ` ${qualified(a.uri, a.local, true)}="${escapeAttribute(value)}"`;
      }
      out.push(text);
      openPending = true;
    },
    close: (uri, local, selfClosing) => {
      // An element written empty stays as written (`<a/>` or `<a></a>`): some readers (ExcelJS) take only one.
      if (openPending && selfClosing) out.push("/>");
      else {
        flushOpen();
        out.push(`</${qualified(uri, local, false)}>`);
      }
      openPending = false;
    },
    text: (text) => {
      if (rootUri === null) return; // whitespace before the root
      flushOpen();
      out.push(escapeBody(text));
    },
  });
  if (rootUri === null)
    throw new UnreadablePackage(`The part ${part} of the workbook is empty; it should hold XML.`);
  out[rootDeclarationsAt] = [...prefixOf]
    .map(
      ([uri, prefix]) => ` ${prefix === "" ? "xmlns" : `xmlns:${prefix}`}="${escapeAttribute(uri)}"`
    )
    .join("");
  return {
    xml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${out.join("")}`,
    rootUri,
  };
}

// `\s/>`, `="…>` (a `>` inside a value), and `\s=` / `=\s` (spaced only inside a tag), in one pass.
const SUSPECT = /\s\/>|="[^"]*>|(\s=|=\s)/g;

/**
 * What canonical form never holds: `<!`, `<?`, `='`, `\r`, `<x />`, a `>`
 * inside a value, `a = "…"` — what `/<!|<\?|='|\r|\s\/>|="[^"]*>|<[^>]*(\s=|=\s)/`
 * finds, at a third of its cost on a NAV sheet: a two-character pattern is
 * looked for only when its rarer character is there at all, and a spaced `=`
 * (rare) is placed inside or outside a tag by looking back, not by trying
 * every `<` forward to its `>`.
 */
function free(text: string): boolean {
  if (
    (text.includes("!") && text.includes("<!")) ||
    (text.includes("?") && text.includes("<?")) ||
    (text.includes("'") && text.includes("='")) ||
    text.includes("\r")
  )
    return false;
  SUSPECT.lastIndex = 0;
  for (let found = SUSPECT.exec(text); found; found = SUSPECT.exec(text)) {
    if (found[1] === undefined) return false;
    // Inside a tag when the last `<` before it is later than the last `>`.
    if (text.lastIndexOf("<", found.index - 1) > text.lastIndexOf(">", found.index - 1))
      return false;
    // Every place is tried: the next match may begin inside this one (` =` then `=">`).
    SUSPECT.lastIndex = found.index + 1;
  }
  return true;
}

/**
 * Where the root element's start tag ends (just past its `>`) when `xml`
 * begins as `canonicalXml` writes it — the standard declaration and nothing
 * else before the root, SpreadsheetML the root's default namespace, each
 * well-known prefix for its own namespace — else -1. The rest of the part is
 * then checked by `canonicalStretch`, whole or in pieces.
 *
 * `canonicalPrologueEnd('<?xml version="1.0"?>\n<worksheet xmlns="…/main"><sheetData/></worksheet>')` → the offset of `<sheetData/>`
 */
export function canonicalPrologueEnd(xml: string): number {
  const declaration = /^<\?xml [^?>]*\?>\s*/.exec(xml);
  const rootAt = declaration ? declaration[0].length : 0;
  const rootEnd = xml.indexOf(">", rootAt);
  if (xml[rootAt] !== "<" || rootEnd < 0) return -1;
  const root = xml.slice(rootAt, rootEnd);
  const declarations = [...root.matchAll(/\sxmlns(?::([\w.-]+))?="([^"]*)"/g)];
  const defaultUri = declarations.find((d) => d[1] === undefined)?.[2];
  if (defaultUri !== NS.main || /^<[\w.-]+:/.test(root)) return -1;
  for (const [, prefix, uri] of declarations)
    if (prefix !== undefined && RESERVED_PREFIXES.has(prefix) && PREFERRED_PREFIX[uri!] !== prefix)
      return -1;
  if (xml.lastIndexOf("\r", rootAt) >= 0 || !free(xml.slice(rootAt, rootEnd + 1))) return -1;
  return rootEnd + 1;
}

/**
 * Whether `text`, the part after its root's start tag or a piece of it,
 * holds nothing canonical form never holds: no namespace declaration (all
 * are on the root), comment, processing instruction, single-quoted or
 * spaced attribute, `<x />`, `>` inside an attribute value or carriage
 * return. Every pattern looked for either holds no `>` or ends with its
 * first one, so a part cut into pieces just after a `>` passes piece by
 * piece exactly when it passes whole — no pattern is missed across a cut.
 *
 * `canonicalStretch('<row r="2"><c r="A2"><v>1</v></c></row>')` → true; `canonicalStretch("<row r='2'/>")` → false
 */
export function canonicalStretch(text: string): boolean {
  return text.indexOf("xmlns") < 0 && free(text);
}

/**
 * Whether `xml`, already parsed without error, is in the shape `canonicalXml`
 * writes, so a large part (the NAV sheet) need not be written out again
 * before it is edited: the standard declaration and nothing else outside
 * elements, SpreadsheetML the root's default namespace, every declaration on
 * the root and each well-known prefix for its own namespace, double-quoted
 * attributes with no `>` inside, no `<x />`. Conservative: text that merely
 * looks odd (a `='` in a formula) is canonicalised, never taken as is.
 *
 * `alreadyCanonical('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="…/main"><sheetData/></worksheet>')` → `true`
 */
export function alreadyCanonical(xml: string): boolean {
  const rootEnd = canonicalPrologueEnd(xml);
  return rootEnd >= 0 && canonicalStretch(xml.slice(rootEnd));
}
