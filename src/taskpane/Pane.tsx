/**
 * The task pane (SPEC §4): four buttons, each a thin handler that calls the
 * Excel adapter (`src/excel`) and shows what it returned. No plan rules here.
 *
 * - "Prepared by" names the preparer in the audit trail of the accrual columns
 *   and the report: office-js gives the add-in no user name, so the user types
 *   it; the adapter keeps it in the workbook settings and falls back to
 *   "Excel user" (src/excel/auditFacts.ts).
 * - "As of" is the runner's `--as-of`: the day every button computes as of,
 *   today unless the user picks another; kept in the workbook settings.
 * - The status of an action (progress, Cancel, outcome) shows under the
 *   button that started it (`ActionStatus`), never at the foot of the pane.
 * - "Where the plan stands" heads the pane, from the last Check compliance;
 *   the findings of a check are cleared when any other action starts.
 * - The As of date is written to the workbook settings when the field is
 *   left or an action starts, not on every keystroke (each write clears
 *   Excel's undo stack).
 * - With no plan table at all, an action says so in one sentence with a
 *   Set up plan button.
 * - What a ribbon button did with the pane closed (SPEC §4, kept in the
 *   workbook settings by src/commands/ribbonActions.ts) shows, when the pane
 *   opens, under the button it stands for — unless the user has already
 *   pressed a button, whose own status wins.
 */
import { Button, Field, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { isoDate, parseIsoDay } from "../engine/calendar";
import type { PlanException, SourceRef } from "../engine/exceptions";
import type { PlanStanding } from "../engine/planStanding";
import { DEFAULT_PREPARER } from "../excel/auditFacts";
import { checkCompliance, selectSource } from "../excel/checkCompliance";
import { type AccrualMode, type AccrualUndo, computeAccruals } from "../excel/computeAccruals";
import { convertTextNumbers } from "../excel/convertTextNumbers";
import { copyFindings } from "../excel/copyFindings";
import { loadSamplePlan } from "../excel/loadSamplePlan";
import type { Problem } from "../excel/paneProblems";
import { hasPlanTables } from "../excel/setUpPlan";
import { undoAccruals } from "../excel/undoAccruals";
import type { ExcelRun } from "../excel/excelRun";
import type { Progress } from "../excel/progress";
import { computeAccrualsOnRange, hasNetAssetsTable, readSelection } from "../excel/rangeAccruals";
import { readSetting, SETTING_KEYS, writeSetting } from "../excel/settings";
import { setUpPlan } from "../excel/setUpPlan";
import { writeAnnualTable, writeQuarterlyReport } from "../excel/writeReport";
import { AccrualsSection } from "./AccrualsSection";
import { ActionStatus, type Busy, type Notice } from "./ActionStatus";
import {
  accrualNotice,
  checkNotice,
  errorSentence,
  NEXT_STEPS,
  noTablesNotice,
  reportNotice,
  today,
} from "./notices";
import { dayText } from "./dayText";
import { PlanStandingView } from "./PlanStandingView";
import { Findings } from "./Findings";
import { initialMapping, MappingStep, type MappingState } from "./MappingStep";
import { JournalSection } from "./JournalSection";
import { type ReportChoice, ReportSection } from "./ReportSection";
import { RULE12B1_VERSION } from "../workbook/version";
import { readRibbonOutcome, ribbonNotice } from "../commands/ribbonActions";

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
});

type SectionId = "setup" | "accruals" | "check" | "report";

export function Pane({ run }: { run: ExcelRun }) {
  const styles = useStyles();
  const [todayDay] = useState(today);
  /** The As of field as typed (ISO); "" = today. */
  const [asOfText, setAsOfText] = useState("");
  const asOf = parseIsoDay(asOfText) ?? todayDay;
  const [mode, setMode] = useState<AccrualMode>("values");
  const [source, setSource] = useState<"table" | "range">("table");
  const [mappingStep, setMappingStep] = useState<MappingState | null>(null);
  const [preparedBy, setPreparedBy] = useState("");
  const [active, setActive] = useState<SectionId | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [findings, setFindings] = useState<PlanException[] | null>(null);
  const [standing, setStanding] = useState<PlanStanding | null>(null);
  const cancelRequested = useRef(false);
  /** The As of date the workbook settings hold, so that it is written only when it changed. */
  const storedAsOf = useRef<string | null>(null);
  /** True once a button was pressed: a ribbon outcome read late must not cover its status. */
  const pressed = useRef(false);

  useEffect(() => {
    readSetting(run, SETTING_KEYS.accrualMode)
      .then((value) => (value === "formulas" || value === "values") && setMode(value))
      .catch(() => undefined);
    readSetting(run, SETTING_KEYS.preparedBy)
      .then((value) => typeof value === "string" && setPreparedBy((typed) => typed || value))
      .catch(() => undefined);
    readSetting(run, SETTING_KEYS.asOf)
      .then((value) => {
        if (typeof value !== "string") return;
        storedAsOf.current = value;
        if (parseIsoDay(value) !== null) setAsOfText(value);
      })
      .catch(() => undefined);
    // Read once, when the pane opens: the outcome a ribbon button kept, under that button.
    readRibbonOutcome(run)
      .then((outcome) => {
        if (outcome === null || pressed.current) return;
        const shown = ribbonNotice(outcome);
        setActive(shown.section);
        setNotice(shown.notice);
      })
      .catch(() => undefined);
  }, [run]);

  /** Keeps the As of date in the workbook settings, when it changed and is a date (or "" for today). */
  const keepAsOf = async (text = asOfText): Promise<void> => {
    if (text === (storedAsOf.current ?? "") || (text !== "" && parseIsoDay(text) === null)) return;
    storedAsOf.current = text;
    await writeSetting(run, SETTING_KEYS.asOf, text).catch(() => undefined);
  };

  const progress: Progress = {
    report: (done, total, label) => setBusy({ label, done, total }),
    cancelled: () => cancelRequested.current,
  };
  const goTo = (where: SourceRef) => void selectSource(run, where).catch(() => undefined);

  /** Runs one action with the progress bar under its button, and shows its outcome or its error in words. */
  async function act(
    section: SectionId,
    label: string,
    action: () => Promise<Notice | null>,
    options: { needsTables?: boolean } = {}
  ) {
    cancelRequested.current = false;
    pressed.current = true;
    setActive(section);
    setNotice(null);
    // A new action makes the last check's findings stale: they go (SPEC §4, issue 23).
    setFindings(null);
    setBusy({ label, done: 0, total: 0 });
    try {
      await keepAsOf();
      if (options.needsTables && !(await hasPlanTables(run).catch(() => true)))
        return setNotice(noTablesNotice(() => void onSetUp()));
      setNotice(await action());
    } catch (error) {
      setNotice(
        error instanceof Error && error.name === "Cancelled"
          ? { intent: "info", title: "Cancelled", text: "Stopped; what was written so far stays." }
          : { intent: "error", title: `${label} failed`, text: errorSentence(error) }
      );
    } finally {
      setBusy(null);
    }
  }

  const onSetUp = (confirmed = false): Promise<void> =>
    act("setup", "Setting up the plan", async () => {
      const result = await setUpPlan(run, { confirmed });
      if (result.status === "needs-confirmation")
        return {
          intent: "warning",
          title: "Add to the existing sheet?",
          text: result.message,
          confirm: () => void onSetUp(true),
        };
      return {
        intent: "success",
        title: "Plan set up",
        text: result.created.length > 0 ? `${result.message} ${NEXT_STEPS}` : result.message,
      };
    });

  const onLoadSample = (confirmed = false): Promise<void> =>
    act("setup", "Writing the sample plan", async () => {
      const result = await loadSamplePlan(run, { confirmed, progress });
      if (result.status === "needs-confirmation")
        return {
          intent: "warning",
          title: "Replace the rows of the plan tables?",
          text: result.message,
          confirm: () => void onLoadSample(true),
        };
      setStanding(null);
      return { intent: "success", title: "Sample plan loaded", text: result.message };
    });

  /** Reads the selection and opens the mapping step (also when the workbook has no NetAssets table). */
  const onReadSelection = (why: string): Promise<void> =>
    act("accruals", "Reading the selection", async () => {
      const selection = await readSelection(run);
      setMappingStep(initialMapping(selection));
      return {
        intent: "info",
        title: "Map the selected columns",
        text: `${why}Say how ${selection.address} is laid out and which column holds what (its first row is the header row), then press Compute with this mapping.`,
      };
    });

  const onAccruals = async (overwrite = false): Promise<void> => {
    if (source === "range") return onReadSelection("");
    if (!overwrite && !(await hasPlanTables(run).catch(() => true)))
      return act("accruals", "Computing accruals", async () =>
        noTablesNotice(() => void onSetUp())
      );
    if (!overwrite && !(await hasNetAssetsTable(run).catch(() => true)))
      return onReadSelection(
        "This workbook has no NetAssets table, so the accruals are computed on the selected range. "
      );
    return act("accruals", "Computing accruals", async () => {
      const result = await computeAccruals(run, { mode, overwrite, asOf, preparedBy, progress });
      const kept = result.undo;
      return accrualNotice(
        result,
        () => void onAccruals(true),
        kept ? () => void onUndo(kept) : undefined
      );
    });
  };

  const onUndo = (undo: AccrualUndo): Promise<void> =>
    act("accruals", "Putting back the previous columns", async () => {
      const result = await undoAccruals(run, undo);
      return {
        intent: result.status === "done" ? "success" : "warning",
        title: result.status === "done" ? "Last run undone" : "Not undone",
        text: result.message,
      };
    });

  /** "Convert to numbers" of a grouped problem: converts, then says to press the button again. */
  const onFix = (problem: Problem): void => {
    const where = problem.source;
    if (!where?.sheet || !where.address) return;
    const section = active ?? "accruals";
    void act(section, "Converting to numbers", async () => {
      const result = await convertTextNumbers(run, where.sheet!, where.address!);
      return { intent: "success", title: "Converted to numbers", text: result.message };
    });
  };

  const onCopyFindings = (list: PlanException[]): Promise<void> =>
    act("check", "Copying the findings", async () => {
      const text = await copyFindings(run, list);
      // Copying is not a new check: the findings stay listed.
      setFindings(list);
      return { intent: "success", title: "Findings copied", text };
    });

  const onRangeAccruals = (step: MappingState, overwrite = false): Promise<void> =>
    act("accruals", "Computing accruals", async () => {
      const mapping = step.form === "wide" ? step.wide : step.mapping;
      const result = await computeAccrualsOnRange(run, step.selection.address, mapping, {
        mode,
        overwrite,
        asOf,
        preparedBy,
        progress,
      });
      if (result.status === "done") setMappingStep(null);
      return accrualNotice(result, () => void onRangeAccruals(step, true));
    });

  const onCheck = (): Promise<void> =>
    act(
      "check",
      "Checking compliance",
      async () => {
        const result = await checkCompliance(run, { asOf, progress });
        if (result.refused.length === 0) setFindings(result.exceptions);
        setStanding(result.standing ?? null);
        return checkNotice(result, asOf);
      },
      { needsTables: true }
    );

  const onReport = (choice: ReportChoice): Promise<void> =>
    act(
      "report",
      "year" in choice ? "Writing the annual table" : "Writing the quarterly report",
      async () => {
        const { preliminary } = choice;
        const result =
          "year" in choice
            ? await writeAnnualTable(run, { year: choice.year, asOf, preliminary, progress })
            : await writeQuarterlyReport(run, {
                quarter: choice.quarter,
                asOf,
                preliminary,
                preparedBy,
                progress,
              });
        return reportNotice(result);
      },
      { needsTables: true }
    );

  const disabled = busy !== null;
  /** The status block of `section`: shown only under the button that was pressed last. */
  const statusOf = (section: SectionId) =>
    active === section ? (
      <ActionStatus
        busy={busy}
        notice={notice}
        onCancel={() => (cancelRequested.current = true)}
        onDismiss={() => setNotice(null)}
        onGoTo={goTo}
        onFix={onFix}
      />
    ) : null;

  return (
    <main className={styles.pane} aria-busy={disabled}>
      <Text as="h1" size={500} weight="semibold">
        Rule 12b-1 Class B Plan
      </Text>

      <section className={styles.section} aria-labelledby="standing-heading">
        <h2 id="standing-heading" className={styles.heading}>
          Where the plan stands{standing ? ` on ${dayText(standing.asOf)}` : ""}
        </h2>
        <PlanStandingView standing={standing} />
      </section>

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

      <Field
        label="As of"
        hint={
          asOfText
            ? "Accruals, checks and the report are computed as of this day. Kept in this workbook; Today goes back to today's date."
            : "Accruals, checks and the report are computed as of today, unless you pick another day. Kept in this workbook."
        }
      >
        <div className={styles.row}>
          <Input
            type="date"
            aria-label="As of"
            value={asOfText || isoDate(todayDay)}
            onChange={(_, data) => setAsOfText(data.value === isoDate(todayDay) ? "" : data.value)}
            onBlur={() => void keepAsOf()}
            disabled={disabled}
          />
          {asOfText && (
            <Button
              size="small"
              onClick={() => {
                setAsOfText("");
                void keepAsOf("");
              }}
              disabled={disabled}
            >
              Today
            </Button>
          )}
        </div>
      </Field>

      <section className={styles.section} aria-labelledby="setup-heading">
        <h2 id="setup-heading" className={styles.heading}>
          1. Set up plan
        </h2>
        <Text className={styles.hint}>
          Creates the Plan and Net Assets sheets and their tables. Existing tables are kept as they
          are. Load sample plan fills them with a sample trust to try every button on.
        </Text>
        <div className={styles.row}>
          <Button appearance="primary" disabled={disabled} onClick={() => void onSetUp()}>
            Set up plan
          </Button>
          <Button disabled={disabled} onClick={() => void onLoadSample()}>
            Load sample plan
          </Button>
        </div>
        {statusOf("setup")}
      </section>

      <AccrualsSection
        className={styles.section}
        headingClassName={styles.heading}
        source={source}
        onSource={(value) => {
          setSource(value);
          setMappingStep(null);
        }}
        mode={mode}
        onMode={setMode}
        disabled={disabled}
        onCompute={() => void onAccruals()}
        status={statusOf("accruals")}
        mapping={
          mappingStep && (
            <MappingStep
              step={mappingStep}
              disabled={disabled}
              onChange={setMappingStep}
              onCompute={(step) => void onRangeAccruals(step)}
              onClose={() => setMappingStep(null)}
            />
          )
        }
      />

      <section className={styles.section} aria-labelledby="check-heading">
        <h2 id="check-heading" className={styles.heading}>
          3. Check compliance
        </h2>
        <Text className={styles.hint}>
          Runs every check of the plan as of {dayText(asOf)}: cap, rates, votes, continuance,
          agreements, payments.
        </Text>
        <div className={styles.row}>
          <Button appearance="primary" disabled={disabled} onClick={() => void onCheck()}>
            Check compliance
          </Button>
        </div>
        {statusOf("check")}
        {findings && findings.length > 0 && (
          <>
            <h3 className={styles.heading}>Findings</h3>
            <Findings findings={findings} onGoTo={goTo} />
            <div className={styles.row}>
              <Button disabled={disabled} onClick={() => void onCopyFindings(findings)}>
                Copy findings to a sheet
              </Button>
            </div>
          </>
        )}
      </section>

      <ReportSection
        asOf={asOf}
        disabled={disabled}
        onReport={(choice) => void onReport(choice)}
        className={styles.section}
        headingClassName={styles.heading}
      >
        {statusOf("report")}
      </ReportSection>

      <JournalSection
        run={run}
        asOf={asOf}
        disabled={disabled}
        className={styles.section}
        headingClassName={styles.heading}
      />

      {/* The version the audit trail stamps and `rule12b1 --version` prints. */}
      <footer className={styles.hint}>
        <Text size={200}>rule12b1 {RULE12B1_VERSION}</Text>
      </footer>
    </main>
  );
}
