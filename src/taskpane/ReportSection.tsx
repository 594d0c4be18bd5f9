/**
 * "4. Quarterly report": the quarter picker and its button, in a component of
 * its own so that changes to the report's choices stay in this file. The
 * quarters offered are those of the last three years up to the as-of date,
 * the last complete quarter chosen.
 */
import { Button, Field, Select, makeStyles } from "@fluentui/react-components";
import { type ReactNode, useMemo, useState } from "react";
import { type Day, isoDate } from "../engine/calendar";
import { lastCompleteQuarter, type Period, parseQuarter, periodsBetween } from "../engine/periods";

const useStyles = makeStyles({
  row: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
});

export function ReportSection(props: {
  asOf: Day;
  disabled: boolean;
  onReport: (quarter: Period) => void;
  /** The status of a running or finished report, shown under the button. */
  children?: ReactNode;
  className?: string;
  headingClassName?: string;
}) {
  const styles = useStyles();
  const { asOf } = props;
  const quarters = useMemo(() => periodsBetween("quarter", asOf - 3 * 366, asOf).reverse(), [asOf]);
  const [chosen, setQuarter] = useState<string | null>(null);
  // The user's choice while the as-of date still offers it; else the last complete quarter.
  const quarter =
    chosen !== null && quarters.some((p) => p.label === chosen)
      ? chosen
      : lastCompleteQuarter(asOf).label;
  return (
    <section className={props.className} aria-labelledby="report-heading">
      <h2 id="report-heading" className={props.headingClassName}>
        4. Quarterly report
      </h2>
      <div className={styles.row}>
        <Field label="Quarter">
          <Select
            value={quarter}
            onChange={(_, data) => setQuarter(data.value)}
            disabled={props.disabled}
          >
            {quarters.map((q) => (
              <option key={q.label} value={q.label}>
                {q.label.replace("Q", " Q")} ({isoDate(q.start)} – {isoDate(q.end)})
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className={styles.row}>
        <Button
          appearance="primary"
          disabled={props.disabled}
          onClick={() => props.onReport(parseQuarter(quarter)!)}
        >
          Quarterly report
        </Button>
      </div>
      {props.children}
    </section>
  );
}
