/**
 * The little text editing the package editor needs: attributes of one start
 * tag, escaping, and finding an element's extent. These work on parts in the
 * canonical form `canonicalXml` writes (`xmlParse.ts`) — parsed by a
 * conformant parser first, so well-formed, double-quoted, unprefixed
 * SpreadsheetML, no comments, no CDATA — where tag-level scanning is exact and
 * keeps a 90,000-row sheet a string operation, not a DOM. They are not a
 * parser: nothing here reads a part that has not been through `canonicalXml`.
 */

const attributePatterns = new Map<string, RegExp>();

/** `attribute('<c r="B2" s="3">', "s")` → `"3"`; null when absent. Names may carry a prefix ("r:id"). */
export function attribute(tag: string, name: string): string | null {
  let pattern = attributePatterns.get(name);
  if (!pattern)
    attributePatterns.set(
      name,
      (pattern = new RegExp(`\\s${name.replace(":", "\\:")}\\s*=\\s*("([^"]*)"|'([^']*)')`))
    );
  const match = pattern.exec(tag);
  return match ? (match[2] ?? match[3] ?? "") : null;
}

// One pattern per attribute name: the accrual writer removes `spans` from every row of the sheet.
const settingPatterns = new Map<string, RegExp>();
function attributePattern(name: string): RegExp {
  let pattern = settingPatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(\\s)${name.replace(":", "\\:")}\\s*=\\s*("[^"]*"|'[^']*')`);
    settingPatterns.set(name, pattern);
  }
  return pattern;
}

/** `setAttribute('<row r="2">', "spans", null)` → `'<row r="2">'`: sets (in place, if present) or, with null, removes one attribute. */
export function setAttribute(tag: string, name: string, value: string | null): string {
  const pattern = attributePattern(name);
  if (pattern.test(tag))
    return tag.replace(pattern, (_, space: string) =>
      value === null ? "" : `${space}${name}="${escapeXml(value)}"`
    );
  if (value === null) return tag;
  const end = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end)} ${name}="${escapeXml(value)}"${tag.slice(end)}`;
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Text for an element body: escaped, with characters XML 1.0 cannot carry removed. */
export function escapeText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeXml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ""));
}

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    if (entity[0] === "#")
      return String.fromCodePoint(
        entity[1] === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10)
      );
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[entity]!;
  });
}

// One pattern per element name: the cell writer looks for every <c> of a row it rewrites.
const elementPatterns = new Map<string, RegExp>();

/**
 * Start and end offsets of the first `<name …>…</name>` or `<name …/>` element at or after `from`.
 *
 * `elementAt('<a><b x="1"/></a>', "b")` → `{ start: 3, end: 13, openEnd: 13 }`
 */
export function elementAt(
  xml: string,
  name: string,
  from = 0
): { start: number; end: number; openEnd: number } | null {
  let pattern = elementPatterns.get(name);
  if (!pattern) elementPatterns.set(name, (pattern = new RegExp(`<${name}(?=[\\s/>])`, "g")));
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
 * The direct children of the root element `root`, by name and offset. Only
 * top-level elements count: an `<extLst>` nested in a conditional-format rule
 * is not the worksheet's own. `<sheetData>` is skipped whole (it is most of a
 * large sheet and holds only rows).
 *
 * `topLevelChildren('<a><b><c/></b><d/></a>', "a")` → `[{ name: "b", start: 3 }, { name: "d", start: 14 }]`
 */
export function topLevelChildren(xml: string, root: string): { name: string; start: number }[] {
  const rootAt = new RegExp(`<${root}(?=[\\s/>])`).exec(xml);
  if (!rootAt) return [];
  const children: { name: string; start: number }[] = [];
  let depth = 0;
  let at = xml.indexOf(">", rootAt.index) + 1;
  for (;;) {
    const open = xml.indexOf("<", at);
    if (open < 0) break;
    const next = xml[open + 1];
    if (next === "?" || next === "!") {
      at = xml.indexOf(next === "!" && xml.startsWith("<!--", open) ? "-->" : ">", open) + 1;
      continue;
    }
    const end = xml.indexOf(">", open) + 1;
    if (next === "/") {
      if (depth === 0) break; // the root's own end tag
      depth -= 1;
      at = end;
      continue;
    }
    const name = /^<([^\s/>]+)/.exec(xml.slice(open, open + 64))![1]!;
    if (depth === 0) children.push({ name, start: open });
    if (xml[end - 2] === "/") at = end;
    else if (depth === 0 && name === "sheetData")
      at = xml.indexOf("</sheetData>", end) + "</sheetData>".length;
    else {
      depth += 1;
      at = end;
    }
  }
  return children;
}

/**
 * Inserts `fragment` before the first top-level child of `root` named in
 * `followers` (the elements that come after it in the schema's sequence),
 * else before `</root>`.
 */
export function insertBefore(
  xml: string,
  followers: readonly string[],
  root: string,
  fragment: string
): string {
  const follower = topLevelChildren(xml, root).find((child) => followers.includes(child.name));
  const at = follower ? follower.start : xml.lastIndexOf(`</${root}>`);
  return `${xml.slice(0, at)}${fragment}${xml.slice(at)}`;
}

/**
 * `xml` (canonical form) with `xmlns:prefix="uri"` on its root element unless
 * the root declares `prefix` already. In canonical form a well-known prefix
 * (`r`, `v`, `o`, `x`) only ever stands for its own namespace, so a declared
 * prefix is the right one.
 *
 * `ensureDeclared('<?xml …?>\n<xml><a/></xml>', "v", "urn:schemas-microsoft-com:vml")` → `'…<xml xmlns:v="urn:schemas-microsoft-com:vml"><a/></xml>'`
 */
export function ensureDeclared(xml: string, prefix: string, uri: string): string {
  const root = /<(?![?!])[^\s/>]+/.exec(xml);
  if (!root) return xml;
  const openEnd = xml.indexOf(">", root.index);
  if (new RegExp(`\\sxmlns:${prefix}=`).test(xml.slice(root.index, openEnd))) return xml;
  const at = root.index + root[0].length;
  return `${xml.slice(0, at)} xmlns:${prefix}="${escapeXml(uri)}"${xml.slice(at)}`;
}
