/**
 * The output's extension decides its workbook content type (issue 22): Excel
 * refuses an .xlsx whose workbook is macro-enabled or a template. A macro
 * workbook written as .xlsx is refused naming its modules, unless
 * --drop-macros (then the VBA project, its relationship and its content type
 * go, and nothing else); written as .xlsm it keeps them byte for byte; a
 * template written as .xlsx becomes a workbook.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CORPUS, makeFixtures } from "../../scripts/makeFixtures";
import { macroWorkbook, templateWorkbook } from "../../scripts/packageFixtures";
import { run } from "../../src/cli/run";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { packageProblems } from "./support/packageIntegrity";
import { tempDir } from "./support/trustFile";

const AS_OF = "2026-11-28";
const TYPES = {
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  macroEnabled: "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
  template: "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
};

let macro: string;
let template: string;
let clean: string;

beforeAll(async () => {
  const dir = tempDir();
  clean = (await makeFixtures(dir, [CORPUS[0]!])).get("clean")!;
  macro = path.join(dir, "macro.xlsm");
  writeFileSync(macro, await macroWorkbook(readFileSync(clean)));
  template = path.join(dir, "template.xltx");
  writeFileSync(template, await templateWorkbook(readFileSync(clean)));
}, 60_000);

/** The workbook part's declared content type in `file`. */
async function workbookType(file: string): Promise<string> {
  const pkg = await XlsxPackage.read(readFileSync(file));
  const types = pkg.text("[Content_Types].xml")!;
  return /<Override PartName="\/xl\/workbook\.xml" ContentType="([^"]+)"/.exec(types)![1]!;
}

describe("a macro workbook", () => {
  it.each(["accrue", "report"] as const)(
    "%s -o out.xlsx is refused naming its modules, before any work; nothing written",
    async (command) => {
      const dir = tempDir();
      const out = path.join(dir, "out.xlsx");
      const outcome = await run({ command, file: macro, out, asOf: AS_OF, quarter: "2026Q3" });
      expect(outcome.exitCode).toBe(2);
      expect(outcome.lines).toEqual([
        "Cannot use this input; nothing was written:",
        `  - ${out} would lose the workbook's macros — its VBA modules ThisWorkbook, Module1: an .xlsx file cannot hold macros, and Excel refuses one that claims to. Write to an .xlsm file instead (-o ${path.join(dir, "out")}.xlsm), or add --drop-macros to write the .xlsx without them.`,
      ]);
      expect(readdirSync(dir)).toEqual([]);
    }
  );

  it("accrue -o out.xlsm keeps the VBA project byte for byte and the macro-enabled content type", async () => {
    const out = path.join(tempDir(), "out.xlsm");
    const outcome = await run({ command: "accrue", file: macro, out, asOf: AS_OF });
    expect(outcome.exitCode).toBe(0);
    const [input, output] = await Promise.all(
      [macro, out].map(async (f) => XlsxPackage.read(readFileSync(f)))
    );
    expect(output!.bytes("xl/vbaProject.bin")!.equals(input!.bytes("xl/vbaProject.bin")!)).toBe(
      true
    );
    expect(await workbookType(out)).toBe(TYPES.macroEnabled);
    expect(await packageProblems(readFileSync(out))).toEqual([]);
  });

  it.each(["accrue", "report"] as const)(
    "%s -o out.xlsx --drop-macros writes a workbook without the VBA project, its relationship or its macro content type, saying so",
    async (command) => {
      const out = path.join(tempDir(), "out.xlsx");
      const outcome = await run({
        command,
        file: macro,
        out,
        asOf: AS_OF,
        quarter: "2026Q3",
        dropMacros: true,
      });
      expect(outcome.exitCode).toBe(0);
      expect(outcome.lines).toContain(
        `Left out the workbook's macros (xl/vbaProject.bin), as --drop-macros asked: ${out} has none.`
      );
      const written = await XlsxPackage.read(readFileSync(out));
      expect(written.has("xl/vbaProject.bin")).toBe(false);
      expect(written.text("xl/_rels/workbook.xml.rels")).not.toContain("vbaProject");
      expect(await workbookType(out)).toBe(TYPES.workbook);
      expect(await packageProblems(readFileSync(out))).toEqual([]);
    }
  );
});

describe("a template", () => {
  it("written as .xlsx, its workbook content type is a workbook's; written as .xltx, a template's", async () => {
    expect(await workbookType(template)).toBe(TYPES.template);
    const dir = tempDir();
    for (const [name, type] of [
      ["out.xlsx", TYPES.workbook],
      ["out.xltx", TYPES.template],
    ] as const) {
      const out = path.join(dir, name);
      expect((await run({ command: "accrue", file: template, out, asOf: AS_OF })).exitCode).toBe(0);
      expect(await workbookType(out)).toBe(type);
    }
    expect(existsSync(template)).toBe(true);
  });

  it("an ordinary workbook written as .xlsm is given the macro-enabled content type its extension calls for", async () => {
    const out = path.join(tempDir(), "out.xlsm");
    expect(await workbookType(clean)).toBe(TYPES.workbook);
    expect((await run({ command: "accrue", file: clean, out, asOf: AS_OF })).exitCode).toBe(0);
    expect(await workbookType(out)).toBe(TYPES.macroEnabled);
  });
});
