/**
 * The mapping step of "Compute accruals" on a selected range. Two layouts:
 * - one row per date and portfolio (long, as the NetAssets table): which column
 *   of the selection holds Date, Portfolio and Class B net assets;
 * - one NAV column per portfolio (wide): which column holds the dates, and the
 *   portfolio of each NAV column (pre-filled from headers that name one).
 */
import {
  Button,
  Field,
  Radio,
  RadioGroup,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { SelectionInfo } from "../excel/rangeAccruals";
import { MAPPED_COLUMNS, mappingProblem, type RangeMapping } from "../excel/rangeMapping";
import type { WideMapping } from "../excel/wideMapping";

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", gap: "6px" },
  hint: { color: tokens.colorNeutralForeground3 },
  row: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
});

export interface MappingState {
  selection: SelectionInfo;
  form: "long" | "wide";
  mapping: RangeMapping;
  wide: WideMapping;
}

/** The first mapping offered for a selection: wide when its headers look wide. */
export function initialMapping(selection: SelectionInfo): MappingState {
  return {
    selection,
    form: selection.looksWide ? "wide" : "long",
    mapping: selection.suggested,
    wide: selection.suggestedWide,
  };
}

const columnName = (header: string, index: number) => header || `(column ${index + 1}, no header)`;

/**
 * What still has to be chosen before Compute can run, or null (issue 23: Compute ran with
 * nothing chosen). `stepProblem(step)` → 'Choose the column that holds "Date".'
 */
export function stepProblem(step: MappingState): string | null {
  if (step.form === "long")
    return mappingProblem(step.selection.headers, step.mapping, step.selection.rowCount);
  if (step.wide.date === null) return "Choose the column that holds the dates.";
  if (!step.wide.portfolios.some((p, i) => p !== null && i !== step.wide.date))
    return "Name the portfolio of at least one NAV column.";
  return null;
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
  const wideColumns = step.wide.portfolios.length;
  const problem = stepProblem(step);
  return (
    <div role="group" aria-label={`Columns of ${selection.address}`} className={styles.group}>
      <Text className={styles.hint}>
        {selection.address}: {selection.rowCount.toLocaleString("en-US")} data rows below the header
        row. The accrual columns go right of the selection, as values.
      </Text>
      <RadioGroup
        aria-label="The selection holds"
        value={step.form}
        onChange={(_, data) => props.onChange({ ...step, form: data.value as "long" | "wide" })}
        disabled={props.disabled}
      >
        <Radio value="long" label="One row per date and portfolio" />
        <Radio value="wide" label="One NAV column per portfolio" />
      </RadioGroup>
      {step.form === "long" &&
        MAPPED_COLUMNS.map((column) => (
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
                  {columnName(header, index)}
                </option>
              ))}
            </Select>
          </Field>
        ))}
      {step.form === "wide" && (
        <>
          <Text className={styles.hint}>
            Name the portfolio whose Class B net assets each column holds; six accrual columns are
            added per portfolio. A blank NAV cell means no NAV for that portfolio that day.
          </Text>
          <Field label="Dates in">
            <Select
              value={step.wide.date === null ? "" : String(step.wide.date)}
              onChange={(_, data) =>
                props.onChange({
                  ...step,
                  wide: { ...step.wide, date: data.value === "" ? null : Number(data.value) },
                })
              }
              disabled={props.disabled}
            >
              <option value="">(choose a column)</option>
              {selection.headers.slice(0, wideColumns).map((header, index) => (
                <option key={index} value={String(index)}>
                  {columnName(header, index)}
                </option>
              ))}
            </Select>
          </Field>
          {selection.headers.slice(0, wideColumns).map((header, index) =>
            index === step.wide.date ? null : (
              <Field key={index} label={`Portfolio of "${columnName(header, index)}"`}>
                <Select
                  value={step.wide.portfolios[index] ?? ""}
                  onChange={(_, data) =>
                    props.onChange({
                      ...step,
                      wide: {
                        ...step.wide,
                        portfolios: step.wide.portfolios.map((p, i) =>
                          i === index ? data.value || null : p
                        ),
                      },
                    })
                  }
                  disabled={props.disabled}
                >
                  <option value="">(not a NAV column)</option>
                  {selection.portfolios.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </Select>
              </Field>
            )
          )}
        </>
      )}
      {problem && <Text className={styles.hint}>{problem}</Text>}
      <div className={styles.row}>
        <Button
          appearance="primary"
          disabled={props.disabled || problem !== null}
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
