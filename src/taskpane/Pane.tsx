/**
 * The task pane (SPEC §4): four buttons, each a thin handler that calls the
 * Excel adapter (`src/excel`) and shows what it returned. No plan rules here.
 *
 * "Prepared by" names the preparer in the audit trail of the accrual columns
 * and the report: office-js gives the add-in no user name, so the user types
 * it; the adapter keeps it in the workbook settings and falls back to
 * "Excel user" (src/excel/auditFacts.ts).
 */
import {
  Button,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import { day, isoDate } from "../engine/calendar";
import { describeSource, type PlanException, RULES } from "../engine/exceptions";
import { lastCompleteQuarter, parseQuarter, periodsBetween } from "../engine/periods";
import { checkCompliance, selectSource } from "../excel/checkCompliance";
import { type AccrualMode, computeAccruals } from "../excel/computeAccruals";
import type { ExcelRun } from "../excel/excelRun";
import {
  computeAccrualsOnRange,
  hasNetAssetsTable,
  readSelection,
  type SelectionInfo,
} from "../excel/rangeAccruals";
import { MAPPED_COLUMNS, type RangeMapping } from "../excel/rangeMapping";
import type { Progress } from "../excel/progress";
import { readSetting, SETTING_KEYS } from "../excel/settings";
import { DEFAULT_PREPARER } from "../excel/auditFacts";
import { setUpPlan } from "../excel/setUpPlan";
import { writeQuarterlyReport } from "../excel/writeReport";
import { RULE12B1_VERSION } from "../workbook/version";

const useStyles = makeStyles({
  pane: {
    display: "flex",
    flexDirection: "column",
    gap: "14px",
    padding: "14px",
    maxWidth: "480px",
  },
  section: {
    display: "flex",
    flexDirection: "column",
    gap: "6px",
    paddingBottom: "10px",
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  hint: { color: tokens.colorNeutralForeground3 },
  row: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  findings: {
    listStyleType: "none",
    padding: 0,
    margin: 0,
    display: "flex",
    flexDirection: "column",
    gap: "6px",
  },
});

type Busy = { label: string; done: number; total: number } | null;
type Notice = {
  intent: "success" | "warning" | "error" | "info";
  title: string;
  text: string;
  confirm?: () => void;
} | null;

/** Today as an engine day, from the user's clock (the engine has none). */
function today(): number {
  const now = new Date();
  return day(
    `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`
  );
}

const SEVERITY_TITLE = { error: "Errors", warning: "Warnings", info: "Notes" } as const;

export function Pane({ run }: { run: ExcelRun }) {
  const styles = useStyles();
  const asOf = useMemo(() => today(), []);
  const quarters = useMemo(() => periodsBetween("quarter", asOf - 3 * 366, asOf).reverse(), [asOf]);
  const [quarter, setQuarter] = useState(lastCompleteQuarter(asOf).label);
  const [mode, setMode] = useState<AccrualMode>("values");
  const [source, setSource] = useState<"table" | "range">("table");
  /** The mapping step of "Selected range": the selection read, and the column chosen for each NetAssets column. */
  const [mappingStep, setMappingStep] = useState<{
    selection: SelectionInfo;
    mapping: RangeMapping;
  } | null>(null);
  const [preparedBy, setPreparedBy] = useState("");
  const [busy, setBusy] = useState<Busy>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [findings, setFindings] = useState<PlanException[] | null>(null);
  const cancelRequested = useRef(false);

  useEffect(() => {
    readSetting(run, SETTING_KEYS.accrualMode)
      .then((value) => (value === "formulas" || value === "values") && setMode(value))
      .catch(() => undefined);
    readSetting(run, SETTING_KEYS.preparedBy)
      .then((value) => typeof value === "string" && setPreparedBy((typed) => typed || value))
      .catch(() => undefined);
  }, [run]);

  const progress: Progress = {
    report: (done, total, label) => setBusy({ label, done, total }),
    cancelled: () => cancelRequested.current,
  };

  /** Runs one action with the progress bar, and shows its outcome or its error in words. */
  async function act(label: string, action: () => Promise<Notice>) {
    cancelRequested.current = false;
    setNotice(null);
    setBusy({ label, done: 0, total: 0 });
    try {
      setNotice(await action());
    } catch (error) {
      setNotice({
        intent: "error",
        title: `${label} failed`,
        text: error instanceof Error ? error.message : String(error),
      });
    } finally {
      setBusy(null);
    }
  }

  const onSetUp = (confirmed = false): Promise<void> =>
    act("Setting up the plan", async () => {
      const result = await setUpPlan(run, { confirmed });
      if (result.status === "needs-confirmation")
        return {
          intent: "warning",
          title: "Add to the existing sheet?",
          text: result.message,
          confirm: () => void onSetUp(true),
        };
      return { intent: "success", title: "Plan set up", text: result.message };
    });

  /** Reads the selection and opens the mapping step (also when the workbook has no NetAssets table). */
  const onReadSelection = (why: string): Promise<void> =>
    act("Reading the selection", async () => {
      const selection = await readSelection(run);
      setMappingStep({ selection, mapping: selection.suggested });
      return {
        intent: "info",
        title: "Map the selected columns",
        text: `${why}Choose which column of ${selection.address} holds each NetAssets column (first row = headers), then press Compute with this mapping.`,
      };
    });

  const onAccruals = async (overwrite = false): Promise<void> => {
    if (source === "range") return onReadSelection("");
    if (!overwrite && !(await hasNetAssetsTable(run).catch(() => true)))
      return onReadSelection(
        "This workbook has no NetAssets table, so the accruals are computed on the selected range. "
      );
    return act("Computing accruals", async () => {
      const result = await computeAccruals(run, { mode, overwrite, asOf, preparedBy, progress });
      if (result.status === "needs-confirmation")
        return {
          intent: "warning",
          title: "Cells in the way",
          text: result.message,
          confirm: () => void onAccruals(true),
        };
      return {
        intent:
          result.status === "done" ? "success" : result.status === "cancelled" ? "info" : "error",
        title: result.status === "done" ? "Accruals written" : "Accruals not written",
        text: result.message,
      };
    });
  };

  const onRangeAccruals = (
    step: { selection: SelectionInfo; mapping: RangeMapping },
    overwrite = false
  ): Promise<void> =>
    act("Computing accruals", async () => {
      const result = await computeAccrualsOnRange(run, step.selection.address, step.mapping, {
        mode,
        overwrite,
        asOf,
        preparedBy,
        progress,
      });
      if (result.status === "needs-confirmation")
        return {
          intent: "warning",
          title: "Cells in the way",
          text: result.message,
          confirm: () => void onRangeAccruals(step, true),
        };
      if (result.status === "done") setMappingStep(null);
      return {
        intent:
          result.status === "done" ? "success" : result.status === "cancelled" ? "info" : "error",
        title: result.status === "done" ? "Accruals written" : "Accruals not written",
        text: result.message,
      };
    });

  const onCheck = (): Promise<void> =>
    act("Checking compliance", async () => {
      const result = await checkCompliance(run, { asOf, progress });
      setFindings(result.exceptions);
      const errors = result.exceptions.filter((e) => e.severity === "error").length;
      return errors
        ? {
            intent: "error",
            title: `${errors} error${errors === 1 ? "" : "s"} found`,
            text: "Each is listed below; its cells are shaded red in the workbook.",
          }
        : {
            intent: "success",
            title: "No errors",
            text: `As of ${isoDate(asOf)} every check of the plan passed${result.exceptions.length ? "; see the warnings below" : ""}.`,
          };
    });

  const onReport = (): Promise<void> =>
    act("Writing the quarterly report", async () => {
      const period = parseQuarter(quarter)!;
      const result = await writeQuarterlyReport(run, {
        quarter: period,
        asOf,
        preparedBy,
        progress,
      });
      return {
        intent:
          result.status === "done" ? "success" : result.status === "cancelled" ? "info" : "error",
        title: result.status === "done" ? "Report ready" : "No report written",
        text: result.message,
      };
    });

  const disabled = busy !== null;
  return (
    <main className={styles.pane} aria-busy={disabled}>
      <Text as="h1" size={500} weight="semibold">
        Rule 12b-1 Class B Plan
      </Text>

      <Field
        label="Prepared by"
        hint="Your name, for the audit trail of the accrual columns and the report. Kept in this workbook."
      >
        <Input
          value={preparedBy}
          placeholder={DEFAULT_PREPARER}
          onChange={(_, data) => setPreparedBy(data.value)}
          disabled={disabled}
        />
      </Field>

      <section className={styles.section} aria-labelledby="setup-heading">
        <h2 id="setup-heading" className={styles.heading}>
          1. Set up plan
        </h2>
        <Text className={styles.hint}>
          Creates the Plan and Net Assets sheets and their tables. Existing tables are kept as they
          are.
        </Text>
        <div className={styles.row}>
          <Button appearance="primary" disabled={disabled} onClick={() => void onSetUp()}>
            Set up plan
          </Button>
        </div>
      </section>

      <section className={styles.section} aria-labelledby="accruals-heading">
        <h2 id="accruals-heading" className={styles.heading}>
          2. Compute accruals
        </h2>
        <Text className={styles.hint}>
          Adds Days, Rate, Daily fee, Month to date, Cap headroom and Accrual note to the NetAssets
          table, or right of a selected range of NAV data after you map its columns. With live
          formulas, Month to date and Cap headroom are formulas that follow edits to Daily fee; the
          other columns are values.
        </Text>
        <RadioGroup
          layout="horizontal"
          aria-label="Read NAV from"
          value={source}
          onChange={(_, data) => {
            setSource(data.value as "table" | "range");
            setMappingStep(null);
          }}
          disabled={disabled}
        >
          <Radio value="table" label="NetAssets table" />
          <Radio value="range" label="Selected range" />
        </RadioGroup>
        <RadioGroup
          layout="horizontal"
          aria-label="Write accruals as"
          value={mode}
          onChange={(_, data) => setMode(data.value as AccrualMode)}
          disabled={disabled}
        >
          <Radio value="values" label="Values" />
          <Radio value="formulas" label="Live formulas" />
        </RadioGroup>
        <div className={styles.row}>
          <Button appearance="primary" disabled={disabled} onClick={() => void onAccruals()}>
            Compute accruals
          </Button>
        </div>
        {mappingStep && (
          <div
            role="group"
            aria-label={`Columns of ${mappingStep.selection.address}`}
            className={styles.section}
          >
            <Text className={styles.hint}>
              {mappingStep.selection.address}:{" "}
              {mappingStep.selection.rowCount.toLocaleString("en-US")} data rows, one row per date
              and portfolio. The accrual columns go right of the selection, as values.
            </Text>
            {MAPPED_COLUMNS.map((column) => (
              <Field key={column} label={column}>
                <Select
                  value={
                    mappingStep.mapping[column] === null ? "" : String(mappingStep.mapping[column])
                  }
                  onChange={(_, data) =>
                    setMappingStep({
                      ...mappingStep,
                      mapping: {
                        ...mappingStep.mapping,
                        [column]: data.value === "" ? null : Number(data.value),
                      },
                    })
                  }
                  disabled={disabled}
                >
                  <option value="">(choose a column)</option>
                  {mappingStep.selection.headers.map((header, index) => (
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
                disabled={disabled}
                onClick={() => void onRangeAccruals(mappingStep)}
              >
                Compute with this mapping
              </Button>
              <Button disabled={disabled} onClick={() => setMappingStep(null)}>
                Close
              </Button>
            </div>
          </div>
        )}
      </section>

      <section className={styles.section} aria-labelledby="check-heading">
        <h2 id="check-heading" className={styles.heading}>
          3. Check compliance
        </h2>
        <Text className={styles.hint}>
          Runs every check of the plan as of {isoDate(asOf)}: cap, rates, votes, continuance,
          agreements, payments.
        </Text>
        <div className={styles.row}>
          <Button appearance="primary" disabled={disabled} onClick={() => void onCheck()}>
            Check compliance
          </Button>
        </div>
      </section>

      <section className={styles.section} aria-labelledby="report-heading">
        <h2 id="report-heading" className={styles.heading}>
          4. Quarterly report
        </h2>
        <div className={styles.row}>
          <Field label="Quarter">
            <Select
              value={quarter}
              onChange={(_, data) => setQuarter(data.value)}
              disabled={disabled}
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
          <Button appearance="primary" disabled={disabled} onClick={() => void onReport()}>
            Quarterly report
          </Button>
        </div>
      </section>

      {busy && (
        <div role="status" aria-live="polite" className={styles.section}>
          <Field
            validationMessage={
              busy.total
                ? `${busy.label}: ${busy.done.toLocaleString("en-US")} of ${busy.total.toLocaleString("en-US")}`
                : `${busy.label}…`
            }
            validationState="none"
          >
            <ProgressBar value={busy.total ? busy.done / busy.total : undefined} />
          </Field>
          <div className={styles.row}>
            <Button onClick={() => (cancelRequested.current = true)}>Cancel</Button>
          </div>
        </div>
      )}

      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : "status"}>
          <MessageBarBody>
            <MessageBarTitle>{notice.title}</MessageBarTitle>
            {notice.text}
            {notice.confirm && (
              <div className={styles.row} style={{ marginTop: 8 }}>
                <Button appearance="primary" onClick={notice.confirm}>
                  Yes, go ahead
                </Button>
                <Button onClick={() => setNotice(null)}>No, leave it</Button>
              </div>
            )}
          </MessageBarBody>
        </MessageBar>
      )}

      {findings && findings.length > 0 && (
        <section aria-labelledby="findings-heading" className={styles.section}>
          <h2 id="findings-heading" className={styles.heading}>
            Findings
          </h2>
          {(["error", "warning", "info"] as const).map((severity) => {
            const list = findings.filter((f) => f.severity === severity);
            if (list.length === 0) return null;
            return (
              <div key={severity}>
                <Text weight="semibold">
                  {SEVERITY_TITLE[severity]} ({list.length})
                </Text>
                <ul className={styles.findings}>
                  {list.map((finding, index) => (
                    <li key={index}>
                      <Text>{finding.message}</Text>{" "}
                      <Text className={styles.hint}>({RULES[finding.rule].section})</Text>{" "}
                      {finding.source && (
                        <Link as="button" onClick={() => void selectSource(run, finding.source!)}>
                          Go to {describeSource(finding.source)}
                        </Link>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </section>
      )}

      {/* The version the audit trail stamps and `rule12b1 --version` prints. */}
      <footer className={styles.hint}>
        <Text size={200}>rule12b1 {RULE12B1_VERSION}</Text>
      </footer>
    </main>
  );
}
