/**
 * `rule12b1 check FILE`: every rule of SPEC §2 over the whole plan; prints
 * the findings, errors first, each with its location. Exit 1 when any is an
 * error; exit 2 with "Nothing to check: …" when there is no portfolio or no
 * NAV on or before the as-of date (SPEC §2). Writes nothing.
 */
import { isoDate } from "../../engine/calendar";
import { evaluatePlan } from "../../engine/evaluatePlan";
import { RULES } from "../../engine/exceptions";
import { loadPlan } from "../loadPlan";
import { asOfBeyondHistory, navSpan } from "../navHistory";
import { type Outcome, unusable } from "../outcome";
import { asOfDay, type RunOptions, todayUtc } from "../runOptions";
import { findingLine, summaryTable } from "../summaryTable";

/** `await check({ command: "check", file: "trust.xlsx", asOf: "2026-11-28" })` → exit 1 if errors. */
export async function check(options: RunOptions): Promise<Outcome> {
  const asOf = asOfDay(options, todayUtc());
  if (!asOf.ok) return unusable("check", [asOf.problem]);
  options.progress?.("Reading workbook", 0, 3);
  const loaded = await loadPlan(options.file!);
  if (!loaded.ok) return unusable("check", loaded.problems);
  const beyond = asOfBeyondHistory(options.asOf, asOf.day, navSpan(loaded.read.plan.netAssets));
  if (beyond) return unusable("check", [beyond]);
  options.progress?.("Evaluating plan", 1, 3);
  const evaluation = evaluatePlan(loaded.read.plan, {
    asOf: asOf.day,
    portfoliosWithBadNetAssets: loaded.read.portfoliosWithBadNetAssets,
  });
  options.progress?.("Done", 3, 3);
  const findings = [...loaded.read.exceptions, ...evaluation.exceptions];
  const count = (severity: string) => findings.filter((e) => e.severity === severity).length;
  const byRule = new Map<string, { severity: string; count: number }>();
  for (const e of findings)
    byRule.set(e.rule, { severity: e.severity, count: (byRule.get(e.rule)?.count ?? 0) + 1 });
  const empty = evaluation.nothingToCheck;
  if (empty !== null)
    // SPEC §2 "Nothing to check is not compliance": never "0 error(s)" and exit 0 on an empty plan.
    return {
      command: "check",
      exitCode: 2,
      lines: [
        `${empty.message} (${options.file}, as of ${isoDate(asOf.day)})`,
        ...(findings.length > 0 ? ["", ...findings.map(findingLine)] : []),
      ],
      written: [],
      data: {
        asOf: isoDate(asOf.day),
        nothingToCheck: { emptyTables: empty.emptyTables, message: empty.message },
        exceptions: findings.map((e) => ({
          ...e,
          date: e.date === null ? null : isoDate(e.date),
          section: RULES[e.rule].section,
        })),
      },
    };
  const lines = [
    `Checked ${options.file} as of ${isoDate(asOf.day)}: ${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} note(s).`,
    "",
    ...summaryTable(
      ["Rule", "Plan", "Severity", "Findings"],
      [...byRule.entries()].map(([rule, v]) => [
        RULES[rule as keyof typeof RULES].title,
        RULES[rule as keyof typeof RULES].section,
        v.severity,
        String(v.count),
      ])
    ),
    "",
    ...findings.map(findingLine),
  ];
  return {
    command: "check",
    exitCode: count("error") > 0 ? 1 : 0,
    lines,
    written: [],
    data: {
      asOf: isoDate(asOf.day),
      errors: count("error"),
      warnings: count("warning"),
      infos: count("info"),
      exceptions: findings.map((e) => ({
        ...e,
        date: e.date === null ? null : isoDate(e.date),
        section: RULES[e.rule].section,
      })),
    },
  };
}
