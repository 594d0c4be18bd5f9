/**
 * Edits to the workbook-wide parts when the runner writes into a package:
 * defined names, the document's last author, removing a sheet's parts, and
 * dropping the calculation chain (Excel rebuilds it; a stale one that names
 * cells we replaced makes Excel offer to "repair" the file).
 */
import { REL_TYPES, relsPartOf, type XlsxPackage } from "./xlsxPackage";
import { attribute, elementAt, escapeText, escapeXml, insertBefore, unescapeXml } from "./xml";

// CT_Workbook children that follow <definedNames>.
const AFTER_DEFINED_NAMES = [
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];

/**
 * Sets (or with `value` null, removes) the defined name `name`, workbook-wide
 * or scoped to the sheet at `localSheetId`.
 *
 * `setDefinedName(pkg, "rule12b1_AccrualColumns", "'Net Assets'!$D$1:$I$1")`
 */
export function setDefinedName(
  pkg: XlsxPackage,
  name: string,
  value: string | null,
  localSheetId?: number
): void {
  const part = pkg.workbookPart();
  let xml = pkg.text(part)!;
  const scope = localSheetId === undefined ? null : String(localSheetId);
  xml = xml.replace(
    /<definedName\b[^>]*>[\s\S]*?<\/definedName>|<definedName\b[^>]*\/>/g,
    (element) => {
      const open = /^<definedName\b[^>]*>/.exec(element)![0];
      return unescapeXml(attribute(open, "name") ?? "").toLowerCase() === name.toLowerCase() &&
        attribute(open, "localSheetId") === scope
        ? ""
        : element;
    }
  );
  if (value !== null) {
    const element = `<definedName name="${escapeXml(name)}"${scope === null ? "" : ` localSheetId="${scope}"`}>${escapeText(value)}</definedName>`;
    xml = xml.replace(/<definedNames\s*\/>/, "<definedNames></definedNames>");
    if (elementAt(xml, "definedNames"))
      xml = xml.replace("</definedNames>", `${element}</definedNames>`);
    else
      xml = insertBefore(
        xml,
        AFTER_DEFINED_NAMES,
        "workbook",
        `<definedNames>${element}</definedNames>`
      );
  }
  xml = xml.replace(/<definedNames>\s*<\/definedNames>|<definedNames\/>/, "");
  pkg.setText(part, xml);
}

/** Removes every defined name scoped to the sheet at `localSheetId` (its print titles, its print area). */
export function removeSheetScopedNames(pkg: XlsxPackage, localSheetId: number): void {
  const part = pkg.workbookPart();
  const xml = pkg.text(part)!;
  pkg.setText(
    part,
    xml
      .replace(/<definedName\b[^>]*>[\s\S]*?<\/definedName>|<definedName\b[^>]*\/>/g, (element) =>
        attribute(element.slice(0, element.indexOf(">") + 1), "localSheetId") ===
        String(localSheetId)
          ? ""
          : element
      )
      .replace(/<definedNames>\s*<\/definedNames>/, "")
  );
}

/** Records `author` as the workbook's last author (docProps/core.xml), as Excel does on save. */
export function setLastModifiedBy(pkg: XlsxPackage, author: string): void {
  const core = pkg.text("docProps/core.xml");
  if (!core) return;
  const element = `<cp:lastModifiedBy>${escapeText(author)}</cp:lastModifiedBy>`;
  const updated = /<cp:lastModifiedBy\b[\s\S]*?(<\/cp:lastModifiedBy>|\/>)/.test(core)
    ? core.replace(/<cp:lastModifiedBy\b[\s\S]*?(<\/cp:lastModifiedBy>|\/>)/, element)
    : core.replace("</cp:coreProperties>", `${element}</cp:coreProperties>`);
  pkg.setText("docProps/core.xml", updated);
}

/** Drops xl/calcChain.xml and its relationship and content type, if present. */
export function dropCalculationChain(pkg: XlsxPackage): void {
  const workbook = pkg.workbookPart();
  for (const rel of pkg.relationships(workbook).filter((r) => r.type === REL_TYPES.calcChain)) {
    pkg.removeRelationship(workbook, rel.id);
    pkg.remove(rel.target);
    pkg.removeContentType(rel.target);
  }
}

/** Every package path some relationship part points at, except from `excluded` .rels parts. */
function referencedParts(pkg: XlsxPackage, excluded: ReadonlySet<string>): Set<string> {
  const referenced = new Set<string>();
  for (const relsPart of pkg.parts().filter((p) => p.endsWith(".rels") && !excluded.has(p))) {
    const owner = relsPart.replace(/_rels\/([^/]+)\.rels$/, "$1").replace(/^\/?_rels\/\.rels$/, "");
    for (const rel of pkg.relationships(owner)) if (!rel.external) referenced.add(rel.target);
  }
  return referenced;
}

/**
 * Removes `part`, its relationships, and the parts only it leads to
 * (a sheet's drawing and that drawing's charts, its comments, …). A part
 * something outside the tree still uses (a shared image, a pivot cache) is
 * kept, and so is everything it leads to.
 */
export function removePartTree(pkg: XlsxPackage, part: string): void {
  const rootRels = relsPartOf(part);
  const tree: string[] = [part];
  for (let index = 0; index < tree.length; index += 1) {
    for (const rel of pkg.relationships(tree[index]!)) {
      if (rel.external || tree.includes(rel.target) || !pkg.has(rel.target)) continue;
      // Used from outside the part being removed and what it alone leads to: keep it, and so its own subtree.
      const outside = referencedParts(pkg, new Set([rootRels, ...tree.slice(1).map(relsPartOf)]));
      if (!outside.has(rel.target)) tree.push(rel.target);
    }
  }
  for (const p of tree) {
    pkg.remove(p);
    pkg.remove(relsPartOf(p));
    pkg.removeContentType(p);
  }
}
