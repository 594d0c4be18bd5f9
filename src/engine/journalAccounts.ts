/**
 * Which general-ledger accounts a portfolio's journal entries post to (SPEC
 * §7 "Accounts"): the portfolio's own row of `Accounts`, else the `All` row,
 * else descriptive default names — and then a note says so, because a GL
 * import needs the fund's own account numbers.
 */
import { exception, type PlanException } from "./exceptions";
import { ALL_PORTFOLIOS, type AccountsRow } from "./plan";

/** The accounts and codes one portfolio's entries use. */
export interface JournalAccounts {
  fundCode: string;
  classCode: string;
  expense: string;
  payable: string;
  cash: string;
  dueFromDistributor: string;
  /** Where they came from: the portfolio's own row, the `All` row, or the defaults. */
  from: "portfolio" | "all" | "default";
}

/** The names used when the workbook has no `Accounts` row for a portfolio (DOMAIN.md "Journal"). */
export const DEFAULT_ACCOUNTS = {
  classCode: "B",
  expense: "12b-1 distribution expense – Class B",
  payable: "Distribution fees payable",
  cash: "Cash",
  dueFromDistributor: "Due from distributor",
} as const;

const key = (name: string) => name.trim().toLowerCase();

/**
 * The accounts for `portfolio`: its own `Accounts` row, else `All`, else the
 * defaults (fund code = the portfolio's name). A blank cell of the chosen row
 * takes the default for that column.
 *
 * @example journalAccounts("Growth", []) // → { fundCode: "Growth", classCode: "B", expense: "12b-1 distribution expense – Class B", …, from: "default" }
 */
export function journalAccounts(
  portfolio: string,
  rows: readonly AccountsRow[] | undefined
): JournalAccounts {
  const own = rows?.find((row) => key(row.portfolio) === key(portfolio));
  const all = rows?.find((row) => key(row.portfolio) === key(ALL_PORTFOLIOS));
  const row = own ?? all;
  const pick = (value: string | undefined, fallback: string) =>
    value !== undefined && value.trim() !== "" ? value.trim() : fallback;
  return {
    fundCode: pick(row?.fundCode, portfolio),
    classCode: pick(row?.classCode, DEFAULT_ACCOUNTS.classCode),
    expense: pick(row?.expenseAccount, DEFAULT_ACCOUNTS.expense),
    payable: pick(row?.payableAccount, DEFAULT_ACCOUNTS.payable),
    cash: pick(row?.cashAccount, DEFAULT_ACCOUNTS.cash),
    dueFromDistributor: pick(row?.dueFromDistributorAccount, DEFAULT_ACCOUNTS.dueFromDistributor),
    from: own ? "portfolio" : all ? "all" : "default",
  };
}

const ACCOUNT_COLUMNS: readonly [keyof AccountsRow, string][] = [
  ["expenseAccount", "Expense account"],
  ["payableAccount", "Payable account"],
  ["cashAccount", "Cash account"],
  ["dueFromDistributorAccount", "Due from distributor account"],
];

/**
 * Findings on the `Accounts` rows (issue 21 "Bad input"): a portfolio not in
 * `Portfolios`, a portfolio (or `All`) given twice, an empty account. Each is
 * an error located at its row and column; the journal refuses to post on any.
 *
 * @example accountsFindings([{ portfolio: "Gowth", … }], ["Growth"]) // → one "journal-input" error naming "Gowth"
 */
export function accountsFindings(
  rows: readonly AccountsRow[],
  portfolios: readonly string[]
): PlanException[] {
  const found: PlanException[] = [];
  const known = new Set(portfolios.map(key));
  const seen = new Set<string>();
  for (const row of rows) {
    const at = (column: string) =>
      row.source ? { source: { ...row.source, column } } : ({} as Record<string, never>);
    const k = key(row.portfolio);
    if (k !== key(ALL_PORTFOLIOS) && !known.has(k))
      found.push(
        exception(
          "error",
          "journal-input",
          `Accounts names portfolio "${row.portfolio}", which is not in the Portfolios table.`,
          { portfolio: row.portfolio, ...at("Portfolio") }
        )
      );
    else if (seen.has(k))
      found.push(
        exception(
          "error",
          "journal-input",
          `Accounts has a second row for "${row.portfolio}"; give each portfolio (and All) one row.`,
          { portfolio: row.portfolio, ...at("Portfolio") }
        )
      );
    seen.add(k);
    for (const [field, column] of ACCOUNT_COLUMNS)
      if (String(row[field] ?? "").trim() === "")
        found.push(
          exception(
            "error",
            "journal-input",
            `Accounts row for "${row.portfolio}" has no ${column.toLowerCase()}; fill it in (or delete the row to use the default names).`,
            { portfolio: row.portfolio, ...at(column) }
          )
        );
  }
  return found;
}
