/** What the pane says in words: errors office-js raises, dates as the date field shows them, the outside-Excel page. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { dayText } from "../../src/taskpane/dayText";
import { errorSentence, noTablesNotice } from "../../src/taskpane/notices";
import { OUTSIDE_EXCEL } from "../../src/taskpane/outsideExcel";
import { quarterOptionLabel } from "../../src/taskpane/ReportSection";
import { parseQuarter } from "../../src/engine/periods";

describe("the pane's words", () => {
  it("never shows office-js's \"The requested resource doesn't exist (range).\"", () => {
    const error = Object.assign(new Error("The requested resource doesn't exist (range)."), {
      code: "ItemNotFound",
    });
    expect(errorSentence(error)).not.toMatch(/requested resource/);
    expect(errorSentence(error)).toContain("Set up plan");
    expect(errorSentence(new Error("Disk full."))).toBe("Disk full.");
  });

  it("with no tables: one sentence and a Set up plan button, no runner command", () => {
    const notice = noTablesNotice(() => undefined);
    expect(notice.action?.label).toBe("Set up plan");
    expect(notice.text).not.toMatch(/rule12b1|npx/);
    expect(notice.problems).toBeUndefined();
  });

  it("writes a day as Chromium's date field shows it in that locale", () => {
    expect(dayText(day("2025-01-31"), "en-US")).toBe("01/31/2025");
    expect(dayText(day("2025-01-31"), "en-GB")).toBe("31/01/2025");
    expect(dayText(day("2025-01-31"), "de-DE")).toBe("31.01.2025");
  });

  it("a quarter's option is short: '2026 Q3', '2026 Q4 (preliminary)'", () => {
    expect(quarterOptionLabel(parseQuarter("2026Q3")!, day("2026-11-28"))).toBe("2026 Q3");
    expect(quarterOptionLabel(parseQuarter("2026Q4")!, day("2026-11-28"))).toBe(
      "2026 Q4 (preliminary)"
    );
  });

  it("the outside-Excel page names a README section that exists", () => {
    const named = [...OUTSIDE_EXCEL.join(" ").matchAll(/README \("([^"]+)"\)/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    const headings = readFileSync("README.md", "utf8")
      .split("\n")
      .filter((line) => line.startsWith("#"))
      .map((line) => line.replace(/^#+\s*/, ""));
    for (const section of named) expect(headings).toContain(section);
  });
});
