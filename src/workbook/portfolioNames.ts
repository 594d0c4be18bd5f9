/**
 * When two spellings are one portfolio name (SPEC §1: names match ignoring
 * case and surrounding spaces). A name typed in one table and pasted from a
 * web page or a Mac into another can differ by what no one sees — a
 * non-breaking space, an accent stored as a separate mark (NFD) — and then
 * one portfolio's payments silently belonged to no portfolio (issue 13:
 * Growth's fees paid shown as 0, really 383,588.34). So names are compared by
 * `nameKey`, every table's spelling is read as the `Portfolios` table's, and
 * each invisible difference is reported with both spellings.
 */
import { ALL_PORTFOLIOS, type Plan } from "../engine/plan";
import { exception, type PlanException } from "../engine/exceptions";

/**
 * The key two spellings of one name share: Unicode NFC, every run of Unicode
 * white space (no-break, thin, ideographic…) one space, trimmed, case folded.
 *
 * `nameKey(" Cre\u0301dit\u00a0Fund ")` → `"crédit fund"`
 */
export function nameKey(name: string): string {
  return name.normalize("NFC").replace(/\s+/gu, " ").trim().toLowerCase();
}

/**
 * `name` with its invisible differences shown: spaces other than the plain
 * one as `[U+00A0]`, and a note when its accents are stored decomposed.
 *
 * `visibleName("Growth\u00a0Fund")` → `"Growth[U+00A0]Fund"`
 */
export function visibleName(name: string): string {
  const shown = name.replace(
    /[^\S ]/gu,
    (space) => `[U+${space.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}]`
  );
  return name.normalize("NFC") === name ? shown : `${shown} (accents stored as separate marks)`;
}

/** Whether the engine's own comparison (trim, case) already treats `a` and `b` as one. */
function sameToEngine(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Rewrites every portfolio name in `plan`'s tables to the spelling of the
 * `Portfolios` row it matches by `nameKey`, and returns a warning for each
 * distinct spelling that differed invisibly (naming the first row that used it).
 *
 * `matchPortfolioNames(plan)` → `[{ severity: "warning", message: 'Portfolio "Growth Fund" is spelled "Growth[U+00A0]Fund" in table Payments …' }]`
 */
export function matchPortfolioNames(plan: Plan): PlanException[] {
  // Each distinct spelling normalised once: a NAV table repeats some fifty names over
  // ninety thousand rows (issue 24). The spelling to read it as, or null to leave it.
  const spellingOf = new Map<string, string | null>();
  const canonical = new Map<string, string>();
  for (const p of plan.portfolios)
    if (!canonical.has(nameKey(p.portfolio))) canonical.set(nameKey(p.portfolio), p.portfolio);
  const allKey = nameKey(ALL_PORTFOLIOS);
  const respell = (portfolio: string): string | null => {
    let spelling = spellingOf.get(portfolio);
    if (spelling === undefined) {
      const key = nameKey(portfolio);
      const found = key === allKey ? undefined : canonical.get(key);
      spelling = found === undefined || sameToEngine(found, portfolio) ? null : found;
      spellingOf.set(portfolio, spelling);
    }
    return spelling;
  };
  const warnings: PlanException[] = [];
  const reported = new Set<string>();
  const records: { portfolio: string; source?: PlanException["source"] }[][] = [
    plan.rates,
    plan.governance,
    plan.agreements,
    plan.expenditures,
    plan.payments,
    plan.netAssets,
  ];
  for (const list of records) {
    for (const record of list) {
      const spelling = respell(record.portfolio);
      if (spelling === null) continue;
      if (!reported.has(record.portfolio)) {
        reported.add(record.portfolio);
        warnings.push(
          exception(
            "warning",
            "input",
            `Portfolio "${spelling}" is spelled "${visibleName(record.portfolio)}" here, which differs only by spaces or Unicode form; rule12b1 reads it as "${spelling}". Retype it so every table spells it the same.`,
            { portfolio: spelling, ...(record.source ? { source: record.source } : {}) }
          )
        );
      }
      record.portfolio = spelling;
    }
  }
  return warnings;
}
