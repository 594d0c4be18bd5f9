/**
 * The canonical text (`xmlParse.ts`) of a part ExcelJS wrote, made without
 * running the conformant parser over the whole part: the report's scratch
 * sheet was 2.8 MB when ExcelJS wrote its cells, and parsing it again only to
 * learn what its writer already knows was a twelfth of `report`. The cells
 * are now written directly (`layoutSheetXml.ts`, which writes the text this
 * function gives for them); the scratch parts left are small.
 *
 * Why ExcelJS's output needs no parse to be known well-formed: ExcelJS 4.4
 * writes every part through its `XmlStream`, which opens and closes elements
 * on a stack (so they nest), takes element and attribute names from its own
 * tables, and passes every text and attribute value through `xmlEncode`,
 * which escapes `"&'<>` and drops the C0 controls and DEL that XML does not
 * allow. The characters it lets through that XML forbids are U+FFFE and
 * U+FFFF (a lone surrogate cannot survive: UTF-8 decoding turns it into
 * U+FFFD); a part holding either is left to the parser, which refuses it as
 * before.
 */
import { canonicalPrologueEnd, canonicalStretch, canonicalXml } from "./xmlParse";

/** Namespace declarations of a start tag, as a sorted list of `prefix=uri`. */
function declarations(startTag: string): string {
  return [...startTag.matchAll(/\sxmlns(?::([\w.-]+))?="([^"]*)"/g)]
    .map(([, prefix, uri]) => `${prefix ?? ""}=${uri}`)
    .sort()
    .join(" ");
}

/**
 * `canonicalXml(xml, part)` for a part ExcelJS wrote, or null when the part
 * is not in the shape this shortcut handles (then the caller parses it). The
 * root's start tag is put in canonical form by `canonicalXml` itself (its
 * declarations first); the rest, already in canonical shape (`canonicalStretch`),
 * differs from canonical form only in the two references canonical form does
 * not use: `&apos;` anywhere and `&quot;` in text. Null for a part with a
 * character reference, a tab or line feed inside a tag (an attribute value
 * the parser would normalise), U+FFFE or U+FFFF, or whose root the canonical
 * form would give different prefixes.
 *
 * `excelJsCanonical('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet mc:Ignorable="x14ac" xmlns="…/main" …><f>A1=&quot;x&quot;</f>…', "xl/worksheets/sheet1.xml")`
 * → `{ xml: '<?xml …?>\n<worksheet xmlns="…/main" … mc:Ignorable="x14ac"><f>A1="x"</f>…', rootUri: "…/main" }`
 */
export function excelJsCanonical(
  xml: string,
  part: string
): { xml: string; rootUri: string } | null {
  const rootEnd = canonicalPrologueEnd(xml);
  if (rootEnd < 0 || xml[rootEnd - 2] === "/") return null;
  const body = xml.slice(rootEnd);
  if (!canonicalStretch(body) || /[\uFFFE\uFFFF]|&#|<[^>]*[\t\n]/.test(xml)) return null;
  const head = xml.slice(0, rootEnd);
  const rootName = /<([^\s>/]+)[^<]*$/.exec(head)?.[1];
  if (rootName === undefined) return null;
  const close = `</${rootName}>`;
  const root = canonicalXml(head + close, part);
  if (!root.xml.endsWith(close)) return null;
  const canonicalHead = root.xml.slice(0, -close.length);
  if (declarations(canonicalHead) !== declarations(head)) return null;
  let rest = body;
  if (rest.includes("&apos;")) rest = rest.replace(/&apos;/g, "'");
  // In text, not in a value: a value holds no `<` before its tag's `>`.
  if (rest.includes("&quot;")) rest = rest.replace(/&quot;(?=[^<>]*<)/g, '"');
  return { xml: canonicalHead + rest, rootUri: root.rootUri };
}
