/**
 * Requirement sets (issue 15): every Excel API member src/excel uses, with the
 * set @types/office-js documents for it. A member newer than the manifest's
 * ExcelApi minimum must sit under an isSetSupported check with a fallback, or
 * Excel versions the manifest admits would fail on it. The list is written to
 * .tmp/excel-api-members.md for review.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Element } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { children, parseManifest } from "./manifestXml";
import { compareVersions, type ExcelApiUse, excelApiUses } from "./support/excelApiUsage";

const root = path.resolve(__dirname, "../..");

/** The manifest's <Set Name="ExcelApi" MinVersion="…"/>. */
function declaredMinimum(): string {
  const manifest = parseManifest(path.join(root, "manifest.xml"));
  const requirements = children(manifest.documentElement as Element).find(
    (e) => e.localName === "Requirements"
  );
  const sets = children(children(requirements!).find((e) => e.localName === "Sets")!);
  const excel = sets.find((s) => s.getAttribute("Name") === "ExcelApi");
  return excel?.getAttribute("MinVersion") ?? "1.1";
}

/** Uses a host at `minimum` may lack, with no guard for their version. */
function unguarded(uses: readonly ExcelApiUse[], minimum: string): string[] {
  return uses
    .filter(
      (use) =>
        use.requirement.set !== "ExcelApi" || compareVersions(use.requirement.version, minimum) > 0
    )
    .filter(
      (use) =>
        use.requirement.set !== "ExcelApi" ||
        !use.guard ||
        compareVersions(use.guard.version, use.requirement.version) < 0
    )
    .map(
      (use) => `${use.member} (${use.requirement.set} ${use.requirement.version}) at ${use.where}`
    );
}

// The adapter, and the two other places that reach Excel: the ribbon commands and the functions
// that read the workbook (PLANSTATUS, the date system).
const excelFiles = ["src/excel", "src/commands", "src/functions"].flatMap((dir) =>
  readdirSync(path.join(root, dir))
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(dir, file))
);
const uses = excelApiUses(excelFiles, root);
const minimum = declaredMinimum();

function writeListing(): void {
  const rows = new Map<string, { requirement: string; places: string[]; guarded: boolean }>();
  for (const use of uses) {
    const row = rows.get(use.member) ?? {
      requirement: `${use.requirement.set} ${use.requirement.version}`,
      places: [],
      guarded: true,
    };
    row.places.push(use.where);
    row.guarded &&= use.guard !== null;
    rows.set(use.member, row);
  }
  const lines = [...rows]
    .sort(
      ([a, x], [b, y]) =>
        compareVersions(y.requirement.split(" ")[1]!, x.requirement.split(" ")[1]!) ||
        (a < b ? -1 : 1)
    )
    .map(
      ([member, row]) =>
        `| ${member} | ${row.requirement} | ${row.guarded ? "guarded" : ""} | ${row.places.join(", ")} |`
    );
  mkdirSync(path.join(root, ".tmp"), { recursive: true });
  writeFileSync(
    path.join(root, ".tmp/excel-api-members.md"),
    [
      `Excel API members used by src/excel (manifest minimum: ExcelApi ${minimum})`,
      "",
      "| member | requirement set | guard | where |",
      "|---|---|---|---|",
      ...lines,
      "",
    ].join("\n")
  );
}

/** The manifest's <Set> requirements, as "Name MinVersion". */
function declaredSets(): string[] {
  const manifest = parseManifest(path.join(root, "manifest.xml"));
  const requirements = children(manifest.documentElement as Element).find(
    (e) => e.localName === "Requirements"
  );
  return children(children(requirements!).find((e) => e.localName === "Sets")!).map(
    (s) => `${s.getAttribute("Name")} ${s.getAttribute("MinVersion")}`
  );
}

/** The requirement set @types/office-js documents for `member` (the doc comment right before it). */
function documentedSet(member: string): string | null {
  const types = readFileSync(path.join(root, "node_modules/@types/office-js/index.d.ts"), "utf8");
  const at = types.indexOf(`${member}(`);
  const comment = types.slice(types.lastIndexOf("/**", at), at);
  return /\| (SharedRuntime \d+\.\d+)\}/.exec(comment)?.[1] ?? null;
}

describe("requirement sets of the ribbon commands and PLANSTATUS", () => {
  it("the commands open the pane with Office.addin.showAsTaskpane, SharedRuntime 1.1, which the manifest requires", () => {
    const commands = readFileSync(path.join(root, "src/commands/ribbonCommands.ts"), "utf8");
    expect(commands).toContain("Office.addin.showAsTaskpane()");
    expect(commands).toContain("Office.actions.associate(");
    expect(documentedSet("showAsTaskpane")).toBe("SharedRuntime 1.1");
    expect(declaredSets()).toContain("SharedRuntime 1.1");
  });

  it("entity values (CustomFunctionsRuntime 1.4) are behind isSetSupported, so the manifest asks only for 1.1", () => {
    const status = readFileSync(path.join(root, "src/functions/planStatus.ts"), "utf8");
    expect(status).toContain('isSetSupported("CustomFunctionsRuntime", "1.4")');
    expect(declaredSets()).toContain("CustomFunctionsRuntime 1.1");
    expect(declaredSets()).not.toContain("CustomFunctionsRuntime 1.4");
  });
});

describe("Excel API requirement sets of src/excel", () => {
  it("every member above the manifest's ExcelApi minimum is behind isSetSupported with a fallback", () => {
    writeListing();
    expect(unguarded(uses, minimum)).toEqual([]);
  });

  it("the manifest asks for exactly what the unguarded members need, no more", () => {
    const needed = uses
      .filter((use) => use.guard === null)
      .map((use) => use.requirement.version)
      .reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b), "1.1");
    expect(minimum).toBe(needed);
  });

  it("reads each member's set from its documentation: Table.resize is 1.13, writing Worksheet.visibility 1.2, Worksheet.notes 1.18", () => {
    const requirement = (member: string) =>
      uses.find((use) => use.member === member)?.requirement.version;
    expect(requirement("Table.resize")).toBe("1.13");
    expect(requirement("Worksheet.visibility")).toBe("1.2");
    expect(requirement("Worksheet.notes")).toBe("1.18");
    expect(requirement("Worksheet.getRangeByIndexes")).toBe("1.7");
    expect(requirement("Range.values")).toBe("1.1");
    // A property named only in load("…"), and one set through an object literal.
    expect(uses.some((use) => use.member === "TableCollection.items")).toBe(true);
    expect(requirement("DataValidationRule.list")).toBe("1.8");
  });

  it("finds unguarded, under-guarded and fallback-less uses, and accepts the guarded forms", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rule12b1-sets-"));
    const file = path.join(dir, "fixture.ts");
    writeFileSync(
      file,
      `/// <reference types="office-js" />
function excelApiSupported(version: string): boolean {
  return Office.context.requirements.isSetSupported("ExcelApi", version);
}
export function unguardedUse(sheet: Excel.Worksheet) {
  sheet.notes.add("A1", "x");
}
export function tooLowGuard(sheet: Excel.Worksheet) {
  if (excelApiSupported("1.10")) sheet.notes.add("A1", "x");
  else sheet.getRange("A1").values = [["x"]];
}
export function noFallback(sheet: Excel.Worksheet) {
  if (Office.context.requirements.isSetSupported("ExcelApi", "1.18")) sheet.notes.add("A1", "x");
}
export function ifElse(sheet: Excel.Worksheet) {
  if (Office.context.requirements.isSetSupported("ExcelApi", "1.18")) sheet.notes.add("A1", "x");
  else sheet.getRange("A1").values = [["x"]];
}
export function earlyReturn(sheet: Excel.Worksheet) {
  if (!excelApiSupported("1.18")) return "none";
  sheet.notes.add("A1", "x");
  return "note";
}
export function ternary(sheet: Excel.Worksheet) {
  const hasNotes = excelApiSupported("1.18");
  return hasNotes ? sheet.notes.add("A1", "x") : null;
}
`
    );
    const found = unguarded(excelApiUses([file], dir), "1.13");
    expect(found.map((use) => use.replace(/ at fixture\.ts:(\d+)$/, " line $1"))).toEqual([
      "NoteCollection.add (ExcelApi 1.18) line 6",
      "Worksheet.notes (ExcelApi 1.18) line 6",
      "NoteCollection.add (ExcelApi 1.18) line 9",
      "Worksheet.notes (ExcelApi 1.18) line 9",
      "NoteCollection.add (ExcelApi 1.18) line 13",
      "Worksheet.notes (ExcelApi 1.18) line 13",
    ]);
  });
});
