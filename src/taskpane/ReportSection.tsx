/**
 * "4. Quarterly report": the quarter picker and its button, in a component of
 * its own so that changes to the report's choices stay in this file. The
 * quarters offered are those of the last three years up to the as-of date,
 * finished ones only unless "Preliminary" is ticked (SPEC §5), the last
 * complete quarter chosen — or, once Preliminary is ticked, the running one;
 * then the annual Item 19(g) table of recent years. The labels are short so
 * the list fits a 350 px pane, and the button names what it writes.
 */
import { Button, Checkbox, Field, Select, makeStyles } from "@fluentui/react-components";
import { type ReactNode, useMemo, useState } from "react";
import { type Day, isoDate } from "../engine/calendar";
import {
  lastCompleteQuarter,
  type Period,
  parseQuarter,
  periodsBetween,
  quarterOf,
} from "../engine/periods";

const useStyles = makeStyles({
  row: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  field: { flexGrow: 1, minWidth: 0, maxWidth: "100%" },
});

/** "2026 Q3", or "2026 Q4 (preliminary)" for a quarter not ended by the as-of date. */
export function quarterOptionLabel(quarter: Period, asOf: Day): string {
  return `${quarter.label.replace("Q", " Q")}${quarter.end > asOf ? " (preliminary)" : ""}`;
}

/** What to write: a quarter's report or a fiscal year's SAI table, and whether an unfinished one is allowed. */
export type ReportChoice = ({ quarter: Period } | { year: number }) & { preliminary: boolean };

export function ReportSection(props: {
  asOf: Day;
  disabled: boolean;
  onReport: (choice: ReportChoice) => void;
  /** The status of a running or finished report, shown under the button. */
  children?: ReactNode;
  className?: string;
  headingClassName?: string;
}) {
  const styles = useStyles();
  const { asOf } = props;
  const [preliminary, setPreliminary] = useState(false);
  const quarters = useMemo(
    () =>
      periodsBetween("quarter", asOf - 3 * 366, asOf)
        .filter((q) => preliminary || q.end <= asOf)
        .reverse(),
    [asOf, preliminary]
  );
  const year = Number(isoDate(asOf).slice(0, 4));
  const years = [year, year - 1, year - 2];
  const [chosen, setQuarter] = useState<string | null>(null);
  // The user's choice while the as-of date still offers it; else the running quarter when
  // Preliminary is ticked (that is why one ticks it), the last complete quarter otherwise.
  const quarter =
    chosen !== null &&
    (quarters.some((p) => p.label === chosen) || years.some((y) => `FY${y}` === chosen))
      ? chosen
      : (preliminary ? quarterOf(asOf) : lastCompleteQuarter(asOf)).label;
  const annual = quarter.startsWith("FY");
  return (
    <section className={props.className} aria-labelledby="report-heading">
      <h2 id="report-heading" className={props.headingClassName}>
        4. Quarterly report
      </h2>
      <div className={styles.row}>
        <Field label="Quarter" className={styles.field}>
          <Select
            value={quarter}
            onChange={(_, data) => setQuarter(data.value)}
            disabled={props.disabled}
          >
            {quarters.map((q) => (
              <option key={q.label} value={q.label}>
                {quarterOptionLabel(q, asOf)}
              </option>
            ))}
            {years.map((y) => (
              <option key={y} value={`FY${y}`}>
                Annual table FY{y}
              </option>
            ))}
          </Select>
        </Field>
        <Checkbox
          label="Preliminary (a period not yet ended)"
          checked={preliminary}
          onChange={(_, data) => {
            setPreliminary(Boolean(data.checked));
            // A new default follows the tick: the running quarter, or the last complete one.
            setQuarter(null);
          }}
          disabled={props.disabled}
        />
      </div>
      <div className={styles.row}>
        <Button
          appearance="primary"
          disabled={props.disabled}
          onClick={() =>
            props.onReport(
              annual
                ? { year: Number(quarter.slice(2)), preliminary }
                : { quarter: parseQuarter(quarter)!, preliminary }
            )
          }
        >
          {annual ? "Annual table" : "Quarterly report"}
        </Button>
      </div>
      {props.children}
    </section>
  );
}
