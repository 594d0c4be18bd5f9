/**
 * The streaming reader's fast reading (saxes's plain mode with the root's
 * namespaces, src/cli/xlsx/ooxml/xmlStream.ts) on every XML part of every
 * workbook we have: the sample trust, the bad-input and package corpora, the
 * runner's own outputs (accrue, report), and the sample trust as
 * openpyxl and LibreOffice save it (when both are installed; `.ci/run`
 * installs them). Each part, whole and cut into 4 KiB chunks, means to the
 * reader exactly what it means to saxes's namespace mode alone — the same
 * events, or the same refusal at the same place — and every part it does not
 * refuse is read once.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { CORPUS, makeFixtures } from "../../scripts/makeFixtures";
import { makePackageFixtures } from "../../scripts/packageFixtures";
import { bySaxes, byStream, refused as isRefused } from "../cli/support/namespaceEvents";
import {
  convertWithLibreOffice,
  OFFICE_PROGRAMS_MISSING,
  python,
} from "../cli/support/officePrograms";
import { tempDir } from "../cli/support/trustFile";

const XML_PART = /\.(xml|rels|vml)$/;
const SAMPLE = path.join(__dirname, "../../samples/sample-trust.xlsx");

/**
 * Every XML part of `file` as stored, decoded (UTF-8, or UTF-16 with its byte-order mark) — not
 * `XlsxPackage.text`, which gives parts already in canonical form. A package or part that cannot
 * be read as text is the package tests' concern.
 */
async function xmlParts(file: string): Promise<{ part: string; text: string }[]> {
  let pkg: XlsxPackage;
  try {
    pkg = await XlsxPackage.read(readFileSync(file));
  } catch {
    return [];
  }
  const parts: { part: string; text: string }[] = [];
  for (const part of pkg.parts().filter((p) => XML_PART.test(p))) {
    try {
      const bytes = pkg.bytes(part)!;
      const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : "utf-8";
      parts.push({ part, text: new TextDecoder(encoding, { fatal: true }).decode(bytes) });
    } catch {
      // damaged, or in an encoding no workbook part uses
    }
  }
  return parts;
}

const chunksOf = (text: string, size: number) =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, i) =>
    text.slice(i * size, (i + 1) * size)
  );

describe("the fast reading on every part of the workbook corpus", () => {
  const workbooks = new Map<string, string>();
  beforeAll(async () => {
    workbooks.set("sample", SAMPLE);
    for (const [name, file] of await makeFixtures(tempDir(), CORPUS))
      workbooks.set(`corpus ${name}`, file);
    for (const [name, file] of await makePackageFixtures(tempDir()))
      workbooks.set(`package ${name}`, file);
    const out = tempDir();
    const accrued = path.join(out, "accrued.xlsx");
    const asOf = "2026-11-28";
    const report = path.join(out, "report.xlsx");
    expect((await run({ command: "accrue", file: SAMPLE, out: accrued, asOf })).exitCode).toBe(0);
    expect((await run({ command: "report", file: accrued, out: report, asOf })).exitCode).toBe(0);
    for (const file of readdirSync(out).filter((f) => f.endsWith(".xlsx")))
      workbooks.set(`runner ${file}`, path.join(out, file));
    if (OFFICE_PROGRAMS_MISSING === null) {
      const dir = tempDir();
      const openpyxl = path.join(dir, "openpyxl.xlsx");
      execFileSync(python!, [
        "-c",
        "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])",
        SAMPLE,
        openpyxl,
      ]);
      workbooks.set("saved by openpyxl", openpyxl);
      workbooks.set("saved by LibreOffice", convertWithLibreOffice([SAMPLE], tempDir())[0]!);
    } else console.warn(`namespace corpus without other writers: ${OFFICE_PROGRAMS_MISSING}`);
  }, 300_000);

  it("every part means to the reader what it means to namespace mode, whole and in 4 KiB chunks", async () => {
    let parts = 0;
    let refused = 0;
    for (const [name, file] of workbooks)
      for (const { part, text } of await xmlParts(file)) {
        const expected = bySaxes(text);
        const whole = byStream([text]);
        expect(whole.meaning, `${name}: ${part}`).toEqual(expected);
        expect(byStream(chunksOf(text, 4096)).meaning, `${name}: ${part} in chunks`).toEqual(
          expected
        );
        parts += 1;
        if (isRefused(expected)) refused += 1;
        // Every part it does not refuse is read once: fast, or handed to namespace mode mid-part.
        else expect(whole.reads, `${name}: ${part} read again`).toBe(1);
      }
    expect(parts).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(3);
  }, 300_000);

  it("the sheets of the sample and of the runner's output are read once, in the fast reading", async () => {
    for (const name of ["sample", "runner accrued.xlsx", "runner report.xlsx"])
      for (const { part, text } of await xmlParts(workbooks.get(name)!))
        if (part.startsWith("xl/worksheets/sheet"))
          expect(byStream([text]).reads, `${name}: ${part}`).toBe(1);
  });
});
