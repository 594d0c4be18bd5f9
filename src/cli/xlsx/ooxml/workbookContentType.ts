/**
 * The output's extension decides its workbook content type (issue 22): Excel
 * refuses a file whose content type does not match its extension — an .xlsx
 * holding a macro-enabled workbook, or a template's. So a macro workbook
 * written as .xlsx is refused, naming the macros that would be lost, unless
 * `--drop-macros` asks for them to go (then the VBA project, its own parts,
 * its relationship and its content types go, and nothing else); a template
 * written as .xlsx becomes a workbook. An extension rule12b1 does not know
 * leaves the content type as it was.
 */
import path from "node:path/posix";
import type { XlsxPackage } from "./xlsxPackage";

const MAIN = {
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  ".xlsm": "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
  ".xltx": "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
  ".xltm": "application/vnd.ms-excel.template.macroEnabled.main+xml",
} as const;
type Extension = keyof typeof MAIN;

const VBA_PROJECT = "http://schemas.microsoft.com/office/2006/relationships/vbaProject";

const macroEnabled = (extension: Extension) => extension === ".xlsm" || extension === ".xltm";

/**
 * The VBA project's module names, read from its PROJECT stream (plain text
 * inside the compound file: `Module=Module1`, `Document=ThisWorkbook/&H…`,
 * `Class=…`), best effort; [] when none can be read.
 *
 * `macroNames(vbaProjectBin)` → ["Module1", "ThisWorkbook"]
 */
export function macroNames(project: Buffer): string[] {
  const text = project.toString("latin1");
  const names = [
    ...text.matchAll(/(?:^|\r\n)(?:Module|Class|BaseClass|Document)=([^\r\n/]{1,64})/g),
  ];
  return [...new Set(names.map((m) => m[1]!))];
}

/**
 * Why `pkg` cannot be written as `out`, or null: a VBA project in a package
 * written as .xlsx or .xltx without `dropMacros`.
 *
 * `outputTypeProblem(pkg, "out.xlsx", false)` →
 * "out.xlsx would lose the workbook's macros (Module1, ThisWorkbook): …"
 */
export function outputTypeProblem(
  pkg: XlsxPackage,
  out: string,
  dropMacros: boolean
): string | null {
  const extension = path.extname(out).toLowerCase();
  if (!(extension in MAIN) || macroEnabled(extension as Extension) || dropMacros) return null;
  const project = vbaProjectPart(pkg);
  if (project === null) return null;
  const names = macroNames(pkg.bytes(project) ?? Buffer.alloc(0));
  const which =
    names.length > 0 ? `its VBA modules ${names.join(", ")}` : `its VBA project (${project})`;
  return `${out} would lose the workbook's macros — ${which}: an ${extension} file cannot hold macros, and Excel refuses one that claims to. Write to an ${extension === ".xltx" ? ".xltm" : ".xlsm"} file instead (-o ${out.slice(0, -extension.length)}${extension === ".xltx" ? ".xltm" : ".xlsm"}), or add --drop-macros to write the ${extension} without them.`;
}

/**
 * Makes the package's workbook content type the one `out`'s extension
 * calls for, dropping the VBA project when the extension cannot hold one (the
 * caller has checked `outputTypeProblem` first). Returns the parts dropped.
 *
 * `matchOutputType(pkg, "out.xlsx")` → ["xl/vbaProject.bin"] for a macro workbook
 */
export function matchOutputType(pkg: XlsxPackage, out: string): string[] {
  const extension = path.extname(out).toLowerCase();
  if (!(extension in MAIN)) return [];
  const dropped: string[] = [];
  const project = vbaProjectPart(pkg);
  if (project !== null && !macroEnabled(extension as Extension)) {
    const workbook = pkg.workbookPart();
    // The project's own parts (a digital signature) go with it.
    const owned = pkg
      .relationships(project)
      .filter((r) => !r.external)
      .map((r) => r.target);
    for (const part of [
      project,
      ...owned,
      `${path.dirname(project)}/_rels/${path.basename(project)}.rels`,
    ])
      if (pkg.has(part)) {
        pkg.remove(part);
        pkg.removeContentType(part);
        dropped.push(part);
      }
    for (const rel of pkg.relationships(workbook).filter((r) => r.type === VBA_PROJECT))
      pkg.removeRelationship(workbook, rel.id);
  }
  pkg.setContentType(pkg.workbookPart(), MAIN[extension as Extension]);
  return dropped;
}

/** The package path of the workbook's VBA project, or null. */
function vbaProjectPart(pkg: XlsxPackage): string | null {
  const rel = pkg
    .relationships(pkg.workbookPart())
    .find((r) => r.type === VBA_PROJECT && !r.external);
  return rel && pkg.has(rel.target) ? rel.target : null;
}

/** The line a run prints when it dropped the macros: `droppedMacrosLine(["xl/vbaProject.bin"], "out.xlsx")`. */
export function droppedMacrosLine(dropped: readonly string[], out: string): string[] {
  return dropped.length === 0
    ? []
    : [
        `Left out the workbook's macros (${dropped.join(", ")}), as --drop-macros asked: ${out} has none.`,
      ];
}
