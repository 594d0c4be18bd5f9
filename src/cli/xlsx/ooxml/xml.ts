/**
 * The little XML the package editor needs: attributes of one start tag,
 * escaping, and finding an element's extent. SpreadsheetML parts are machine
 * written (no DTDs, no CDATA in the parts we edit), so tag-level scanning is
 * exact there and keeps a 90,000-row sheet a string operation, not a DOM.
 */

const attributePatterns = new Map<string, RegExp>();

/** `attribute('<c r="B2" s="3">', "s")` → `"3"`; null when absent. Names may carry a prefix ("r:id"). */
export function attribute(tag: string, name: string): string | null {
  let pattern = attributePatterns.get(name);
  if (!pattern) attributePatterns.set(name, (pattern = new RegExp(`\\s${name.replace(":", "\\:")}\\s*=\\s*("([^"]*)"|'([^']*)')`)));
  const match = pattern.exec(tag);
  return match ? (match[2] ?? match[3] ?? "") : null;
}

/** `setAttribute('<row r="2">', "spans", null)` → `'<row r="2">'`: sets (in place, if present) or, with null, removes one attribute. */
export function setAttribute(tag: string, name: string, value: string | null): string {
  const pattern = new RegExp(`(\\s)${name.replace(":", "\\:")}\\s*=\\s*("[^"]*"|'[^']*')`);
  if (pattern.test(tag)) return tag.replace(pattern, (_, space: string) => (value === null ? "" : `${space}${name}="${escapeXml(value)}"`));
  if (value === null) return tag;
  const end = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end)} ${name}="${escapeXml(value)}"${tag.slice(end)}`;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Text for an element body: escaped, with characters XML 1.0 cannot carry removed. */
export function escapeText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeXml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ""));
}

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity[0] === "#") return String.fromCodePoint(entity[1] === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[entity]!;
  });
}

/**
 * Start and end offsets of the first `<name …>…</name>` or `<name …/>` element at or after `from`.
 *
 * `elementAt('<a><b x="1"/></a>', "b")` → `{ start: 3, end: 13, openEnd: 13 }`
 */
export function elementAt(xml: string, name: string, from = 0): { start: number; end: number; openEnd: number } | null {
  const pattern = new RegExp(`<${name}(?=[\\s/>])`, "g");
  pattern.lastIndex = from;
  const found = pattern.exec(xml);
  if (!found) return null;
  const openEnd = xml.indexOf(">", found.index) + 1;
  if (xml[openEnd - 2] === "/") return { start: found.index, end: openEnd, openEnd };
  const close = xml.indexOf(`</${name}>`, openEnd);
  if (close < 0) return null;
  return { start: found.index, end: close + name.length + 3, openEnd };
}

/** Every `<name …>` start tag (or empty element) in `xml`, in order. */
export function startTags(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?=[\\s/>])[^>]*>`, "g"))].map((m) => m[0]);
}

/**
 * Inserts `fragment` before the first of `followers` (child element names
 * that come after it in the schema's sequence) found in `xml`, else before `</root>`.
 */
export function insertBefore(xml: string, followers: readonly string[], root: string, fragment: string): string {
  const positions = followers.map((tag) => new RegExp(`<${tag}(?=[\\s/>])`).exec(xml)?.index ?? -1).filter((i) => i >= 0);
  const at = positions.length > 0 ? Math.min(...positions) : xml.lastIndexOf(`</${root}>`);
  return `${xml.slice(0, at)}${fragment}${xml.slice(at)}`;
}
