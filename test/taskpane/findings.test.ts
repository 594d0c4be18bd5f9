/** Grouping of Check compliance findings in the pane: by rule, errors first, counts in words. */
import { describe, expect, it } from "vitest";
import { exception } from "../../src/engine/exceptions";
import { countsText, groupFindings } from "../../src/taskpane/Findings";
import { checkNotice } from "../../src/taskpane/notices";
import { day } from "../../src/engine/calendar";
import { dayText } from "../../src/taskpane/dayText";

describe("findings by rule", () => {
  it("puts groups with errors first, larger groups first within a severity, and each group's errors first", () => {
    const findings = [
      exception("warning", "nav-missing-opening", "a"),
      exception("info", "continuance-due", "b"),
      exception("warning", "nav-missing-opening", "c"),
      exception("warning", "payment-overdue", "d"),
      exception("error", "payment-overdue", "e"),
      exception("error", "cap-breach", "f"),
      exception("error", "payment-overdue", "g"),
    ];
    const groups = groupFindings(findings);
    expect(groups.map((g) => g.rule)).toEqual([
      "payment-overdue", // 2 errors and a warning: 3 findings
      "cap-breach", // 1 error
      "nav-missing-opening", // 2 warnings
      "continuance-due", // 1 note
    ]);
    expect(groups[0]!.findings.map((f) => f.message)).toEqual(["e", "g", "d"]);
    expect(countsText(groups[0]!.counts)).toBe("2 errors, 1 warning");
    expect(countsText(groups[3]!.counts)).toBe("1 note");
  });

  it("the check's message counts only the cells it shaded, and claims none when it shaded none", () => {
    const errors = [exception("error", "cap-breach", "over")];
    expect(
      checkNotice({ exceptions: errors, highlighted: [], refused: [] }, day("2026-09-30")).text
    ).not.toMatch(/shaded/);
    expect(
      checkNotice(
        { exceptions: errors, highlighted: ["Plan!O2:S2", "Net Assets!C4"], refused: [] },
        day("2026-09-30")
      ).text
    ).toMatch(/ 2 cells named by these errors are shaded red/);
    expect(
      checkNotice({ exceptions: [], highlighted: [], refused: [] }, day("2026-09-30"))
    ).toMatchObject({
      title: "No errors",
      text: `As of ${dayText(day("2026-09-30"))} every check of the plan passed.`,
    });
  });

  it("an empty plan is nothing to check yet, never no errors", () => {
    const notice = checkNotice(
      {
        exceptions: [],
        highlighted: [],
        refused: [],
        standing: { asOf: day("2026-09-30"), portfolios: [], trustErrors: 0, trustWarnings: 0 },
      },
      day("2026-09-30")
    );
    expect(notice.title).toBe("Nothing to check yet");
    expect(notice.text).toContain("Portfolios table is empty");
  });
});
