/**
 * Each structural rule of manifest.xml (manifestRules.ts) catches the
 * mistake it is for: a deliberately broken copy of the real manifest (or of
 * its shortcuts file, or of the shared runtime's bundle) makes exactly that
 * rule speak. A rule that stayed silent here would pass any manifest.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bundleProblems, manifestProblems, parseManifestText } from "./manifestRules";

const XML = readFileSync("manifest.xml", "utf8");
const SHORTCUTS = readFileSync("assets/shortcuts.json", "utf8");

/** The real manifest with `from` replaced by `to`, which must be in it. */
function broken(from: string | RegExp, to: string): string {
  const result = XML.replace(from, to);
  if (result === XML) throw new Error(`the manifest has no ${String(from)}`);
  return result;
}

describe("a deliberately broken manifest fails the structural rules", () => {
  it("the real manifest and shortcuts pass", () => {
    expect(manifestProblems(XML, SHORTCUTS)).toEqual([]);
  });

  it.each([
    [
      "a resid that resolves to nothing",
      broken('<Label resid="CheckCompliance.Label"/>', '<Label resid="CheckCompliance.Labl"/>'),
      "resid CheckCompliance.Labl is not defined in <Resources>",
    ],
    [
      "a resource nothing uses",
      broken(
        '<bt:String id="QuarterlyReport.Label"',
        '<bt:String id="Unused.Label" DefaultValue="x"/>\n        <bt:String id="QuarterlyReport.Label"'
      ),
      "resource Unused.Label is never used",
    ],
    [
      "a resid over 32 characters",
      broken(/ComputeAccruals\.Tooltip/g, "ComputeAccruals.TooltipForTheRibbonX"),
      "resid ComputeAccruals.TooltipForTheRibbonX is longer than 32 characters",
    ],
    [
      "a ShortString over 125 characters",
      broken('DefaultValue="Compute accruals"', `DefaultValue="${"Compute accruals ".repeat(8)}"`),
      "ComputeAccruals.Label is 136 characters, more than 125 for ShortStrings",
    ],
    [
      "a LongString over 250 characters",
      broken(/DefaultValue="Run every check of the plan/, `DefaultValue="${"x".repeat(250)}`),
      "CheckCompliance.Tooltip is",
    ],
    [
      "an icon URL that is not https",
      broken(
        "https://localhost:3000/assets/check-16.png",
        "http://localhost:3000/assets/check-16.png"
      ),
      "Check.16x16 is not an https URL: http://localhost:3000/assets/check-16.png",
    ],
    [
      "a control id used twice",
      broken('id="Rule12b1.CheckCompliance"', 'id="Rule12b1.ComputeAccruals"'),
      "control id Rule12b1.ComputeAccruals is used twice",
    ],
    [
      "a control's Action before its Icon",
      broken(
        /(<Icon>\s*<bt:Image size="16" resid="Report\.16x16"\/>[\s\S]*?<\/Icon>)(\s*)(<Action[\s\S]*?<\/Action>)/,
        "$3$2$1"
      ),
      "<Icon> comes after <Action> in <Control>",
    ],
    [
      "ExtendedOverrides before VersionOverrides",
      broken(
        /(<VersionOverrides[\s\S]*<\/VersionOverrides>)(\s*<!--[^>]*-->)?(\s*<ExtendedOverrides[^>]*\/>)/,
        "$3$1"
      ),
      "<VersionOverrides> comes after <ExtendedOverrides> in <OfficeApp>",
    ],
    [
      "a ribbon button whose function is not registered",
      broken(
        "<FunctionName>Rule12b1.QuarterlyReport</FunctionName>",
        "<FunctionName>Rule12b1.QuartelyReport</FunctionName>"
      ),
      "FunctionName Rule12b1.QuartelyReport is not a registered command",
    ],
    [
      "no ExtendedOverrides for the shortcuts",
      broken(/\s*<ExtendedOverrides[^>]*\/>/, ""),
      "there is no <ExtendedOverrides> for the keyboard shortcuts",
    ],
    [
      "an icon that is not in assets/",
      broken("assets/report-32.png", "assets/report-33.png"),
      "icon Report.32x32 (https://localhost:3000/assets/report-33.png) is not a file in assets/",
    ],
    [
      "an icon of another size than it claims",
      broken("assets/accruals-80.png", "assets/accruals-32.png"),
      "icon Accruals.80x80 is not a 80×80 PNG",
    ],
  ])("%s", (_, xml, problem) => {
    const problems = manifestProblems(xml, SHORTCUTS);
    expect(
      problems.some((p) => p.startsWith(problem)),
      problems.join("\n")
    ).toBe(true);
  });

  const shortcuts = JSON.parse(SHORTCUTS) as {
    actions: { id: string; name: string }[];
    shortcuts: { action: string; key: Record<string, string> }[];
  };
  it.each([
    [
      "a shortcut for an undeclared action",
      {
        ...shortcuts,
        shortcuts: [
          ...shortcuts.shortcuts,
          { action: "Nope", key: { default: "Ctrl+Alt+Shift+N" } },
        ],
      },
      "shortcut for Nope names no declared action",
    ],
    [
      "a shortcut with Shift as its only modifier",
      {
        ...shortcuts,
        shortcuts: shortcuts.shortcuts.map((s, i) =>
          i === 0 ? { ...s, key: { default: "Shift+A" } } : s
        ),
      },
      "shortcut Shift+A for Rule12b1.ComputeAccruals is not modifier(s) + one key",
    ],
    [
      "two shortcuts on the same keys",
      {
        ...shortcuts,
        shortcuts: shortcuts.shortcuts.map((s, i) =>
          i === 1 ? { ...s, key: { default: "Ctrl+Alt+Shift+A" } } : s
        ),
      },
      "shortcut Ctrl+Alt+Shift+A is used twice",
    ],
    [
      "a ribbon command with no shortcut",
      {
        ...shortcuts,
        shortcuts: shortcuts.shortcuts.filter((s) => s.action !== "Rule12b1.CheckCompliance"),
      },
      "ribbon command Rule12b1.CheckCompliance has no keyboard shortcut",
    ],
    [
      "an action that is not a registered command",
      { ...shortcuts, actions: [...shortcuts.actions, { id: "Rule12b1.Undo", name: "Undo" }] },
      "shortcut action Rule12b1.Undo is not a registered command",
    ],
  ])("%s", (_, changed, problem) => {
    const problems = manifestProblems(XML, JSON.stringify(changed));
    expect(
      problems.some((p) => p.startsWith(problem)),
      problems.join("\n")
    ).toBe(true);
  });

  it("a shared-runtime bundle without a command's function", () => {
    const document = parseManifestText(XML);
    const bundle =
      '"Rule12b1.ComputeAccruals" "Rule12b1.QuarterlyReport" "Rule12b1.OpenPaneShortcut"';
    expect(bundleProblems(document, SHORTCUTS, bundle)).toEqual([
      "command Rule12b1.CheckCompliance is not in the shared runtime's bundle",
    ]);
  });
});
