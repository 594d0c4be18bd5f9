/**
 * "2. Compute accruals": where the NAVs are read from (the NetAssets table or
 * a selected range), how the columns are written (values or live formulas),
 * the button, then the status of the run and the mapping step of a range.
 */
import { Button, Radio, RadioGroup, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";
import type { AccrualMode } from "../excel/computeAccruals";

const useStyles = makeStyles({
  hint: { color: tokens.colorNeutralForeground3 },
  row: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
});

export function AccrualsSection(props: {
  className?: string;
  headingClassName?: string;
  source: "table" | "range";
  onSource: (source: "table" | "range") => void;
  mode: AccrualMode;
  onMode: (mode: AccrualMode) => void;
  disabled: boolean;
  onCompute: () => void;
  /** The status of the run, right under the button. */
  status: ReactNode;
  /** The mapping step of a selected range, when open. */
  mapping: ReactNode;
}) {
  const styles = useStyles();
  return (
    <section className={props.className} aria-labelledby="accruals-heading">
      <h2 id="accruals-heading" className={props.headingClassName}>
        2. Compute accruals
      </h2>
      <Text className={styles.hint}>
        Adds Days, Rate, Daily fee, Month to date, Cap headroom and Accrual note to the NetAssets
        table, or right of a selected range of NAV data after you map its columns. With live
        formulas, Month to date is a formula that follows edits to Daily fee; the other columns are
        values.
      </Text>
      <RadioGroup
        layout="horizontal"
        aria-label="Read NAV from"
        value={props.source}
        onChange={(_, data) => props.onSource(data.value as "table" | "range")}
        disabled={props.disabled}
      >
        <Radio value="table" label="NetAssets table" />
        <Radio value="range" label="Selected range" />
      </RadioGroup>
      <RadioGroup
        layout="horizontal"
        aria-label="Write accruals as"
        value={props.mode}
        onChange={(_, data) => props.onMode(data.value as AccrualMode)}
        disabled={props.disabled}
      >
        <Radio value="values" label="Values" />
        <Radio value="formulas" label="Live formulas" />
      </RadioGroup>
      <div className={styles.row}>
        <Button appearance="primary" disabled={props.disabled} onClick={props.onCompute}>
          Compute accruals
        </Button>
      </div>
      {props.status}
      {props.mapping}
    </section>
  );
}
