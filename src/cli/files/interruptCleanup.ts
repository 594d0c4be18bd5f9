/**
 * What to undo if the process is stopped by a signal: the temporary file of a
 * write in progress and the lock on the workbook. Writers register a
 * synchronous clean-up while they hold something and withdraw it when done;
 * the CLI's signal handlers (`signals.ts`) run whatever is registered and
 * then exit.
 *
 * This is process-wide state on purpose: a signal is delivered to the whole
 * process, so the list of things to undo has to be reachable from its
 * handler. Library callers of `run` that never install the handlers pay
 * nothing: entries are added and removed around each write.
 */

interface Pending {
  undo: () => void;
  /** The file an unfinished write was replacing, for the message on stopping: "out/report.xlsx". */
  unfinishedWrite?: string;
}

const pending = new Set<Pending>();

/**
 * Registers `undo` (synchronous: it runs inside a signal handler) until the
 * returned function is called; `unfinishedWrite` names the file a write in
 * progress would replace (a lock names none).
 *
 * `const withdraw = onInterrupt(() => rmSync(temporary, { force: true }), "out.xlsx"); … withdraw();`
 */
export function onInterrupt(undo: () => void, unfinishedWrite?: string): () => void {
  const entry: Pending = { undo, ...(unfinishedWrite === undefined ? {} : { unfinishedWrite }) };
  pending.add(entry);
  return () => {
    pending.delete(entry);
  };
}

/**
 * Runs every registered clean-up, newest first (the temporary file before the
 * lock that protects it), and returns the files whose unfinished write was
 * abandoned (left as they were).
 *
 * `undoPending()` → `["out/report.xlsx"]` when stopped in the middle of writing it.
 */
export function undoPending(): string[] {
  const entries = [...pending].reverse();
  pending.clear();
  const files = new Set<string>();
  for (const entry of entries) {
    if (entry.unfinishedWrite !== undefined) files.add(entry.unfinishedWrite);
    try {
      entry.undo();
    } catch {
      // Best effort: a clean-up that fails must not stop the others.
    }
  }
  return [...files];
}
