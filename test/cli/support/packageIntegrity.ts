/**
 * The structural rules Excel enforces when it opens a package (and offers to
 * "repair" when broken), checked without Excel: every XML part well-formed;
 * every relationship target present; every part with a content type; every
 * Override naming a part that exists; unique sheet names, sheet ids and
 * relationship ids; part names unique without case; defined names scoped to sheets that exist; tables within
 * the sheet and as wide as their columns; no stale calculation chain.
 */
import { SaxesParser } from "saxes";
import { XlsxPackage } from "../../../src/cli/xlsx/ooxml/xlsxPackage";
import { attribute } from "../../../src/cli/xlsx/ooxml/xml";

/** The first error a namespace-aware parser meets in `xml` ("1:40: unbound namespace prefix: \"r\"."), or null. */
function wellFormed(xml: string): string | null {
  // Namespaces on: an unbound prefix on an element or an attribute is an error, not a name with a colon.
  const parser = new SaxesParser({ xmlns: true });
  let problem: string | null = null;
  parser.on("error", (error) => {
    problem ??= error.message;
  });
  parser.write(xml).close();
  return problem;
}

/**
 * Every problem found in the package `bytes` (an empty list for a sound package).
 *
 * `await packageProblems(readFileSync(out))` → `[]`, or
 * `['xl/workbook.xml is not well-formed XML: 2:444: unbound namespace prefix: "r".']`
 */
export async function packageProblems(bytes: Buffer): Promise<string[]> {
  const pkg = await XlsxPackage.read(bytes);
  const problems: string[] = [];
  for (const part of pkg.parts())
    if (/\.(xml|rels|vml)$/.test(part)) {
      const error = wellFormed(pkg.bytes(part)!.toString("utf8"));
      if (error) problems.push(`${part} is not well-formed XML: ${error}`);
    }
  // The structural rules read parts through the runner's own parser, which refuses what is not
  // well-formed: a part already reported above is not reported again as a refusal.
  try {
    structuralProblems(pkg, problems);
  } catch (error) {
    if (problems.length === 0) throw error;
  }
  return problems;
}

/** "XFD" → 16,384: a column's number from its letters. */
const columnNumber = (letters: string) =>
  [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);

/**
 * A table part's own rules, which Excel repairs when broken: its range lies
 * within A1:XFD1048576, runs down and right, and is exactly as wide as the
 * columns it lists; `count` says how many it lists.
 */
function tableProblems(part: string, xml: string): string[] {
  const ref = attribute(/<table\b[^>]*>/.exec(xml)?.[0] ?? "", "ref") ?? "";
  const box = /^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$/.exec(ref);
  if (!box) return [`${part}: table range "${ref}" is not a range`];
  const [left, top, right, bottom] = [
    columnNumber(box[1]!),
    Number(box[2]),
    columnNumber(box[3]!),
    Number(box[4]),
  ];
  const problems: string[] = [];
  if (right > 16_384 || bottom > 1_048_576 || top < 1)
    problems.push(`${part}: table range ${ref} runs past the sheet's last cell XFD1048576`);
  if (right < left || bottom < top) problems.push(`${part}: table range ${ref} runs backwards`);
  const listed = [...xml.matchAll(/<tableColumn\b/g)].length;
  if (right - left + 1 !== listed)
    problems.push(
      `${part}: table range ${ref} is ${right - left + 1} columns wide, but ${listed} are listed`
    );
  const count = attribute(/<tableColumns\b[^>]*>/.exec(xml)?.[0] ?? "", "count");
  if (count !== null && Number(count) !== listed)
    problems.push(`${part}: tableColumns count="${count}", but ${listed} are listed`);
  return problems;
}

/** The relationship, content-type, sheet, defined-name and table rules, added to `problems`. */
function structuralProblems(pkg: XlsxPackage, problems: string[]): void {
  const types = pkg.text("[Content_Types].xml") ?? "";
  const defaults = new Set(
    [...types.matchAll(/<Default\b[^>]*>/g)].map((m) =>
      (attribute(m[0], "Extension") ?? "").toLowerCase()
    )
  );
  const overrides = [...types.matchAll(/<Override\b[^>]*>/g)].map((m) =>
    (attribute(m[0], "PartName") ?? "").slice(1)
  );
  for (const part of overrides)
    if (!pkg.has(part)) problems.push(`content type for missing part ${part}`);
  for (const part of pkg.parts()) {
    if (part === "[Content_Types].xml") continue;
    const extension = part.split(".").pop()!.toLowerCase();
    if (!overrides.includes(part) && !defaults.has(extension))
      problems.push(`${part} has no content type`);
    if (part.endsWith(".rels")) {
      const owner = part.replace(/_rels\/([^/]+)\.rels$/, "$1").replace(/^_rels\/\.rels$/, "");
      const ids = new Set<string>();
      for (const rel of pkg.relationships(owner)) {
        if (ids.has(rel.id)) problems.push(`${part}: relationship id ${rel.id} twice`);
        ids.add(rel.id);
        if (!rel.external && !pkg.has(rel.target))
          problems.push(`${part}: ${rel.id} points at missing ${rel.target}`);
      }
    }
  }
  // Part names compare without case (OPC): Sheet2.xml and sheet2.xml are one name twice.
  const lower = new Map<string, string>();
  for (const part of pkg.parts()) {
    const other = lower.get(part.toLowerCase());
    if (other !== undefined) problems.push(`part names ${other} and ${part} differ only in case`);
    lower.set(part.toLowerCase(), part);
  }
  const sheets = pkg.sheets();
  const names = sheets.map((s) => s.name.toLowerCase());
  if (new Set(names).size !== names.length)
    problems.push(`sheet names repeat: ${names.join(", ")}`);
  if (new Set(sheets.map((s) => s.sheetId)).size !== sheets.length)
    problems.push("sheet ids repeat");
  for (const sheet of sheets)
    if (!pkg.has(sheet.part)) problems.push(`sheet ${sheet.name} has no part`);
  const workbook = pkg.text(pkg.workbookPart()) ?? "";
  for (const match of workbook.matchAll(/<definedName\b[^>]*>/g)) {
    const scope = attribute(match[0], "localSheetId");
    if (scope !== null && Number(scope) >= sheets.length)
      problems.push(
        `defined name ${attribute(match[0], "name")} scoped to sheet ${scope}, which does not exist`
      );
  }
  for (const part of pkg.parts().filter((p) => /^xl\/tables\/[^/]+\.xml$/.test(p)))
    problems.push(...tableProblems(part, pkg.text(part) ?? ""));
  if (pkg.parts().some((p) => p.endsWith("calcChain.xml")))
    problems.push("calcChain.xml kept (rule12b1 drops it when it edits sheets)");
}
