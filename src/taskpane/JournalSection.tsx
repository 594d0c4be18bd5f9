/**
 * "Journal entries" (SPEC §7): a month picker (default: the last finished
 * month), "By day", "Preliminary" and "Post" choices, and the button that
 * writes the sheet `12b-1 Journal YYYY-MM` through `writeJournal`, with its
 * own status and Cancel like the other actions. Self-contained, so the pane
 * holds it in one line.
 */
import { Button, Checkbox, Field, Select, makeStyles } from "@fluentui/react-components";
import { useMemo, useRef, useState } from "react";
import { type Day, isoDate } from "../engine/calendar";
import { periodName, periodsBetween } from "../engine/periods";
import type { ExcelRun } from "../excel/excelRun";
import type { Progress } from "../excel/progress";
import { writeJournal } from "../excel/writeJournal";
import { lastFinishedMonth, parseMonth } from "../workbook/journalRun";
import { ActionStatus, type Busy, type Notice } from "./ActionStatus";

const useStyles = makeStyles({
  row: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
});

export function JournalSection(props: {
  run: ExcelRun;
  asOf: Day;
  disabled?: boolean;
  className?: string;
  headingClassName?: string;
}) {
  const styles = useStyles();
  const { asOf } = props;
  const [preliminary, setPreliminary] = useState(false);
  const [byDay, setByDay] = useState(false);
  const [post, setPost] = useState(false);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const cancelRequested = useRef(false);
  const months = useMemo(
    () =>
      periodsBetween("month", asOf - 2 * 366, asOf)
        .filter((m) => preliminary || m.end <= asOf)
        .reverse(),
    [asOf, preliminary]
  );
  const month =
    chosen !== null && months.some((m) => m.label === chosen)
      ? chosen
      : lastFinishedMonth(asOf).label;
  const disabled = Boolean(props.disabled) || busy !== null;

  async function onJournal(): Promise<void> {
    cancelRequested.current = false;
    setNotice(null);
    setBusy({ label: "Writing the journal", done: 0, total: 0 });
    const progress: Progress = {
      report: (done, total, label) => setBusy({ label, done, total }),
      cancelled: () => cancelRequested.current,
    };
    try {
      const result = await writeJournal(props.run, {
        month: parseMonth(month)!,
        asOf,
        preliminary,
        byDay,
        post: post && !preliminary,
        progress,
      });
      setNotice({
        intent:
          result.status === "done" ? "success" : result.status === "cancelled" ? "info" : "error",
        title:
          result.status === "done"
            ? "Journal ready"
            : result.status === "cancelled"
              ? "Cancelled"
              : "No journal written",
        text: result.message,
        ...(result.problems ? { problems: result.problems } : {}),
      });
    } catch (error) {
      setNotice({
        intent: "error",
        title: "Journal entries failed",
        text: error instanceof Error ? error.message : String(error),
      });
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className={props.className} aria-labelledby="journal-heading">
      <h2 id="journal-heading" className={props.headingClassName}>
        Journal entries
      </h2>
      <div className={styles.row}>
        <Field label="Month">
          <Select value={month} onChange={(_, data) => setChosen(data.value)} disabled={disabled}>
            {months.map((m) => (
              <option key={m.label} value={m.label}>
                {periodName(m)}
                {m.end > asOf ? ` — preliminary, through ${isoDate(asOf)}` : ""}
              </option>
            ))}
          </Select>
        </Field>
        <Checkbox
          label="Preliminary (a month not yet ended)"
          checked={preliminary}
          onChange={(_, data) => setPreliminary(Boolean(data.checked))}
          disabled={disabled}
        />
        <Checkbox
          label="One accrual entry per day"
          checked={byDay}
          onChange={(_, data) => setByDay(Boolean(data.checked))}
          disabled={disabled}
        />
        <Checkbox
          label="Post (record in PostedJournals)"
          checked={post && !preliminary}
          onChange={(_, data) => setPost(Boolean(data.checked))}
          disabled={disabled || preliminary}
        />
      </div>
      <div className={styles.row}>
        <Button appearance="primary" disabled={disabled} onClick={() => void onJournal()}>
          Journal entries
        </Button>
      </div>
      {(busy || notice) && (
        <ActionStatus
          busy={busy}
          notice={notice}
          onCancel={() => (cancelRequested.current = true)}
          onDismiss={() => setNotice(null)}
          onGoTo={() => undefined}
        />
      )}
    </section>
  );
}
