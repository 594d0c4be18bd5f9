/**
 * Progress and Cancel for long actions (SPEC §4): the adapter reports after
 * each chunk it writes and checks for a cancel request between chunks, never
 * in the middle of one, so every sync leaves whole chunks behind.
 */
export interface Progress {
  /** `done` of `total` steps; `label` says what is being done, for the progress bar. */
  report(done: number, total: number, label: string): void;
  /** True once the user pressed Cancel. */
  cancelled(): boolean;
}

/** Thrown between chunks when the user cancelled; each action catches it and tidies up. */
export class Cancelled extends Error {
  constructor() {
    super("Cancelled by the user.");
    this.name = "Cancelled";
  }
}

/** A Progress that reports nowhere and is never cancelled. */
export const NO_PROGRESS: Progress = { report: () => undefined, cancelled: () => false };

/** Throws `Cancelled` if the user asked to stop. */
export function stopIfCancelled(progress: Progress): void {
  if (progress.cancelled()) throw new Cancelled();
}

/**
 * Says "Computing" while the engine works (issue 23: the bar stood at "Reading NetAssets: 4,910
 * of 4,910" through the whole computation), and lets the pane draw it before the engine's
 * synchronous work takes the thread.
 * `await computing(progress); evaluatePlan(…)`.
 */
export async function computing(progress: Progress): Promise<void> {
  progress.report(0, 0, COMPUTING);
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The progress label while figures are computed. */
export const COMPUTING = "Computing";
