/**
 * Workbooks other programs wrote (issue 13): the clean corpus trust saved
 * again by openpyxl and by LibreOffice gives the clean trust's figures, and
 * every package the runner writes from them opens in openpyxl and in
 * LibreOffice and passes the structural rules Excel checks. openpyxl's
 * workbook.xml and VML declare their namespaces their own way; what the
 * runner adds to them (`r:id`, `v:shape`) must be declared — `report` run
 * straight on the other writer's file, not only on what `accrue` wrote
 * from it (accrue has rewritten workbook.xml by then).
 * Needs Debian's python3-openpyxl and LibreOffice (`.ci/run` installs both);
 * skipped with a message when either is missing.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { CORPUS, makeFixtures } from "../../scripts/makeFixtures";
import {
  convertWithLibreOffice,
  OFFICE_PROGRAMS_MISSING,
  openInOpenpyxl,
  python,
} from "./support/officePrograms";
import { packageProblems } from "./support/packageIntegrity";
import { tempDir } from "./support/trustFile";

const AS_OF = "2026-11-28";
const REPORT_SHEET = "12b-1 Report 2026-Q3";
if (OFFICE_PROGRAMS_MISSING)
  console.warn(`Other-writer tests skipped: they ${OFFICE_PROGRAMS_MISSING}.`);

/** A report's own figures; where it was written and the input's file name differ by run. */
const reportFigures = (data: Record<string, unknown>) =>
  JSON.parse(
    JSON.stringify(data, (key, value: unknown) =>
      key === "out" || key === "inputWorkbook" ? undefined : value
    )
  ) as unknown;

/**
 * check, accrue, report on what accrue wrote, and report straight on `file`
 * (whose workbook.xml and VML are still the other writer's), into `dir`.
 */
async function figures(file: string, dir: string) {
  const accrued = path.join(dir, "accrued.xlsx");
  const reported = path.join(dir, "report.xlsx");
  const reportedDirect = path.join(dir, "report-direct.xlsx");
  const quarter = { quarter: "2026Q3", asOf: AS_OF, preparedAt: "fixed" } as const;
  const check = await run({ command: "check", file, asOf: AS_OF });
  const accrue = await run({ command: "accrue", file, out: accrued, asOf: AS_OF });
  const report = await run({ command: "report", file: accrued, out: reported, ...quarter });
  const direct = await run({ command: "report", file, out: reportedDirect, ...quarter });
  return {
    exits: [check.exitCode, accrue.exitCode, report.exitCode, direct.exitCode],
    portfolios: accrue.data.portfolios,
    report: reportFigures(report.data),
    direct: reportFigures(direct.data),
    written: [accrued, reported, reportedDirect],
  };
}

describe.skipIf(OFFICE_PROGRAMS_MISSING !== null)(
  "workbooks written by openpyxl and LibreOffice",
  () => {
    let clean: string;
    let plain: Awaited<ReturnType<typeof figures>>;
    beforeAll(async () => {
      clean = (await makeFixtures(tempDir(), [CORPUS[0]!])).get("clean")!;
      plain = await figures(clean, tempDir());
    }, 120_000);

    it.each([
      [
        "openpyxl",
        (file: string, dir: string) => {
          const out = path.join(dir, "openpyxl.xlsx");
          execFileSync(python!, [
            "-c",
            "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])",
            file,
            out,
          ]);
          return out;
        },
      ],
      ["LibreOffice", (file: string, dir: string) => convertWithLibreOffice([file], dir)[0]!],
    ])(
      "saved by %s: the clean trust's figures from accrue, report on accrue's output and report straight on the file, and all three outputs open in openpyxl and LibreOffice",
      async (_writer, resave) => {
        const dir = tempDir();
        const input = resave(clean, dir);
        const before = readFileSync(input);
        const result = await figures(input, dir);
        expect(result.exits).toEqual([0, 0, 0, 0]);
        expect(result.portfolios).toEqual(plain.portfolios);
        expect(result.report).toEqual(plain.report);
        expect(result.direct).toEqual(plain.direct);
        // Growth, hand-worked: 73,000,000 × 0.25% × 92 ÷ 365 = 46,000.00 accrued over Q3.
        expect(result.direct).toMatchObject({
          sheets: [{ portfolios: [{ portfolio: "Growth", feesAccrued: 46_000 }] }],
        });
        expect(readFileSync(input).equals(before)).toBe(true);

        // One LibreOffice run converts the three outputs; one python run opens them and the results.
        const converted = convertWithLibreOffice(result.written, tempDir());
        const views = openInOpenpyxl([...result.written, ...converted]);
        for (const [i, file] of result.written.entries()) {
          expect(await packageProblems(readFileSync(file)), file).toEqual([]);
          const sheets = (await XlsxPackage.read(readFileSync(file))).sheets().map((s) => s.name);
          expect(sheets).toContain("Net Assets");
          expect(views[file], `openpyxl on ${file}`).toMatchObject({ sheets });
          expect(existsSync(converted[i]!), `LibreOffice could not load ${file}`).toBe(true);
          expect(views[converted[i]!], `openpyxl on ${converted[i]}`).toMatchObject({ sheets });
        }
        for (const file of [...result.written.slice(1), ...converted.slice(1)]) {
          const view = views[file]!;
          if ("error" in view) throw new Error(view.error);
          expect(view.rows[REPORT_SHEET]![0]![0], file).toBe(
            "Rule 12b-1 Class B Distribution Plan — quarterly report to the Board, 2026 Q3"
          );
        }
      },
      600_000
    );
  }
);
