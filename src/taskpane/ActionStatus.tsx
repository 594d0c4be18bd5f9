/**
 * The status of the action the user started, shown right under its button
 * (issue 14: a pane is ~1,000 px tall, so a status at the bottom is out of
 * sight): the progress bar with Cancel while it runs, then its outcome — a
 * notice, the cells that stop it (each with a link that selects the cell), or
 * a question with Yes / No.
 */
import {
  Button,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  makeStyles,
} from "@fluentui/react-components";
import { useEffect, useRef } from "react";
import type { SourceRef } from "../engine/exceptions";
import type { Problem } from "../excel/paneProblems";

export type Busy = { label: string; done: number; total: number };

export type Notice = {
  intent: "success" | "warning" | "error" | "info";
  title: string;
  text: string;
  /** The runner's reasons for refusing the workbook, each with its cell when known (repeated mistakes grouped). */
  problems?: Problem[];
  confirm?: () => void;
  /** One button that takes the next step ("Set up plan", "Undo last run"). */
  action?: { label: string; run: () => void };
};

const useStyles = makeStyles({
  status: { display: "flex", flexDirection: "column", gap: "8px" },
  row: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  problems: { margin: "6px 0 0", paddingLeft: "18px" },
});

/**
 * The link's words: "Net Assets!C4" (the cell as Excel names it, so a sentence holds one row
 * number), or "the Rates table" when the cell's address is not known.
 */
export function cellLabel(source: SourceRef): string {
  const where = source.sheet ? `${source.sheet}!` : "";
  if (source.address) return `${where}${source.address}`;
  return `the ${source.table} table`;
}

/**
 * The running action's progress and Cancel, or its outcome.
 * `<ActionStatus busy={busy} notice={notice} onCancel={…} onDismiss={…} onGoTo={…} />`.
 */
export function ActionStatus(props: {
  busy: Busy | null;
  notice: Notice | null;
  onCancel: () => void;
  onDismiss: () => void;
  onGoTo: (source: SourceRef) => void;
  /** Runs a problem's mechanical fix ("Convert to numbers"). */
  onFix?: (problem: Problem) => void;
}) {
  const styles = useStyles();
  const { busy, notice } = props;
  const anchor = useRef<HTMLDivElement>(null);
  const running = busy !== null;
  // Keep the status in view when it appears or changes (the button may sit low in the pane).
  useEffect(() => {
    anchor.current?.scrollIntoView?.({ block: "nearest" });
  }, [running, notice]);
  if (!busy && !notice) return null;
  return (
    <div ref={anchor} className={styles.status}>
      {busy && (
        <div role="status" aria-live="polite" className={styles.status}>
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
            <Button onClick={props.onCancel}>Cancel</Button>
          </div>
        </div>
      )}
      {notice && (
        <MessageBar
          intent={notice.intent}
          layout="multiline"
          role={notice.intent === "error" ? "alert" : "status"}
        >
          <MessageBarBody>
            <MessageBarTitle>{notice.title}</MessageBarTitle>
            {notice.text}
            {notice.problems && notice.problems.length > 0 && (
              <ul className={styles.problems} aria-label="What stops it">
                {notice.problems.map((problem, index) => (
                  <li key={index}>
                    {problem.text}{" "}
                    {problem.source && (
                      <Link as="button" onClick={() => props.onGoTo(problem.source!)}>
                        Go to {cellLabel(problem.source)}
                      </Link>
                    )}
                    {problem.fix === "convert-to-numbers" && props.onFix && (
                      <div className={styles.row} style={{ marginTop: 4 }}>
                        <Button size="small" onClick={() => props.onFix!(problem)}>
                          Convert to numbers
                        </Button>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {notice.action && (
              <div className={styles.row} style={{ marginTop: 8 }}>
                <Button appearance="primary" onClick={notice.action.run}>
                  {notice.action.label}
                </Button>
              </div>
            )}
            {notice.confirm && (
              <div className={styles.row} style={{ marginTop: 8 }}>
                <Button appearance="primary" onClick={notice.confirm}>
                  Yes, go ahead
                </Button>
                <Button onClick={props.onDismiss}>No, leave it</Button>
              </div>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
