/**
 * The mapping step of "Compute accruals" on a selected range: which column of
 * the selection holds each NetAssets column (long form: one row per date and
 * portfolio).
 */
import { Button, Field, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { SelectionInfo } from "../excel/rangeAccruals";
import { MAPPED_COLUMNS, type RangeMapping } from "../excel/rangeMapping";

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", gap: "6px" },
  hint: { color: tokens.colorNeutralForeground3 },
  row: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
});

export interface MappingState {
  selection: SelectionInfo;
  mapping: RangeMapping;
}

export function MappingStep(props: {
  step: MappingState;
  disabled: boolean;
  onChange: (step: MappingState) => void;
  onCompute: (step: MappingState) => void;
  onClose: () => void;
}) {
  const styles = useStyles();
  const { step } = props;
  const { selection } = step;
  return (
    <div role="group" aria-label={`Columns of ${selection.address}`} className={styles.group}>
      <Text className={styles.hint}>
        {selection.address}: {selection.rowCount.toLocaleString("en-US")} data rows, one row per
        date and portfolio. The accrual columns go right of the selection, as values.
      </Text>
      {MAPPED_COLUMNS.map((column) => (
        <Field key={column} label={column}>
          <Select
            value={step.mapping[column] === null ? "" : String(step.mapping[column])}
            onChange={(_, data) =>
              props.onChange({
                ...step,
                mapping: {
                  ...step.mapping,
                  [column]: data.value === "" ? null : Number(data.value),
                },
              })
            }
            disabled={props.disabled}
          >
            <option value="">(choose a column)</option>
            {selection.headers.map((header, index) => (
              <option key={index} value={String(index)}>
                {header || `(column ${index + 1}, no header)`}
              </option>
            ))}
          </Select>
        </Field>
      ))}
      <div className={styles.row}>
        <Button
          appearance="primary"
          disabled={props.disabled}
          onClick={() => props.onCompute(step)}
        >
          Compute with this mapping
        </Button>
        <Button disabled={props.disabled} onClick={props.onClose}>
          Close
        </Button>
      </div>
    </div>
  );
}
