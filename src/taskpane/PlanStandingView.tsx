/**
 * "Where the plan stands", at the top of the pane (SPEC §4, added 2026-12-06): one short
 * block per portfolio — in effect or not, the rate in force and its vote, the ceiling,
 * fees this month so far, headroom this month and quarter, the next continuance due, open
 * findings — from the last Check compliance (`planStanding`, src/engine/planStanding.ts).
 * Nothing is computed here.
 */
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { formatMoney } from "../engine/money";
import type { PlanStanding, PortfolioStanding } from "../engine/planStanding";
import { dayText } from "./dayText";

const useStyles = makeStyles({
  list: {
    margin: 0,
    padding: 0,
    listStyle: "none",
    display: "flex",
    flexDirection: "column",
    gap: "8px",
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  line: { display: "block", color: tokens.colorNeutralForeground2 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  hint: { color: tokens.colorNeutralForeground3 },
});

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 errors, 1 warning", or "no findings". */
export function findingsText(errors: number, warnings: number): string {
  const parts = [
    ...(errors ? [plural(errors, "error", "errors")] : []),
    ...(warnings ? [plural(warnings, "warning", "warnings")] : []),
  ];
  return parts.length ? parts.join(", ") : "no errors or warnings";
}

/** The portfolio's first line: "In effect at 0.25% (board vote 12/02/2024), ceiling 0.50%". */
export function stateText(p: PortfolioStanding): string {
  if (p.state !== "In effect")
    return `${p.state}${p.stateDate !== null ? ` since ${dayText(p.stateDate)}` : ""}: no fee accrues`;
  const rate = p.rate
    ? `at ${p.rate}${p.rateVote !== null ? ` (board vote ${dayText(p.rateVote)})` : ""}`
    : "with no approved rate";
  return `In effect ${rate}, ceiling ${p.ceiling}`;
}

const money = (amount: PortfolioStanding["monthToDate"]) => (amount ? formatMoney(amount) : "—");

export function PlanStandingView(props: { standing: PlanStanding | null }) {
  const styles = useStyles();
  const { standing } = props;
  if (!standing)
    return (
      <Text className={styles.hint}>
        Press Check compliance to see, for each portfolio, whether the plan is in effect, the rate,
        this month&apos;s fees, the room under the cap and the next continuance due.
      </Text>
    );
  if (standing.portfolios.length === 0)
    return (
      <Text className={styles.hint}>
        Nothing to check yet: the Portfolios table is empty. Fill it in, then press Check
        compliance.
      </Text>
    );
  return (
    <ul
      className={styles.list}
      aria-label={`Where the plan stands as of ${dayText(standing.asOf)}`}
    >
      {standing.portfolios.map((p) => (
        <li key={p.portfolio}>
          <Text className={styles.name}>{p.portfolio}</Text>
          <Text className={styles.line}>{stateText(p)}</Text>
          {p.state === "In effect" && (
            <>
              <Text className={styles.line}>
                This month: fees {money(p.monthToDate)}, headroom{" "}
                <span className={p.headroomMonth?.isNegative() ? styles.bad : undefined}>
                  {money(p.headroomMonth)}
                </span>
                ; quarter headroom{" "}
                <span className={p.headroomQuarter?.isNegative() ? styles.bad : undefined}>
                  {money(p.headroomQuarter)}
                </span>
              </Text>
              {p.continuanceDue !== null && (
                <Text className={styles.line}>Continuance due by {dayText(p.continuanceDue)}</Text>
              )}
            </>
          )}
          <Text className={`${styles.line} ${p.errors ? styles.bad : ""}`}>
            Open findings: {findingsText(p.errors, p.warnings)}
          </Text>
        </li>
      ))}
      {(standing.trustErrors > 0 || standing.trustWarnings > 0) && (
        <li>
          <Text className={styles.name}>The trust&apos;s tables</Text>
          <Text className={`${styles.line} ${standing.trustErrors ? styles.bad : ""}`}>
            Open findings: {findingsText(standing.trustErrors, standing.trustWarnings)}
          </Text>
        </li>
      )}
    </ul>
  );
}
