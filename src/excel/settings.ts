/// <reference types="office-js" />
/**
 * The add-in's own settings, kept in the workbook (`context.workbook.settings`)
 * so that every co-author sees the same choice; never in the browser's
 * localStorage, and not in `Office.context.document.settings`, which Excel on
 * the web can drop.
 *
 * Which accrual columns are rule12b1's own is not a setting: it is the
 * defined name `rule12b1_AccrualColumns` (see accrualMarker.ts), which the
 * runner reads too and which moves with the cells. Report sheets are known
 * by their name (`isReportSheet`).
 */
import type { ExcelRun } from "./excelRun";

export const SETTING_KEYS = {
  /** "values" or "formulas": how Compute accruals writes (the user's last choice). */
  accrualMode: "rule12b1.accrualMode",
  /** The name typed in the pane's "Prepared by" field: the audit trail's preparer (see auditFacts.ts). */
  preparedBy: "rule12b1.preparedBy",
  /**
   * The pane's "As of" date, ISO "2026-09-30", as the runner's `--as-of`: the day Check compliance,
   * Compute accruals and the report are computed as of. Absent or "" = today.
   */
  asOf: "rule12b1.asOf",
  /**
   * What the last ribbon button or keyboard shortcut did (src/commands/ribbonActions.ts): the
   * notice the pane shows when it is opened, since a ribbon command runs with the pane closed.
   */
  ribbonOutcome: "rule12b1.ribbonOutcome",
} as const;

export type SettingKey = (typeof SETTING_KEYS)[keyof typeof SETTING_KEYS];

/** Reads settings in one sync; a missing key is `undefined`. */
export async function readSettingsIn(
  context: Excel.RequestContext,
  keys: readonly SettingKey[]
): Promise<Map<SettingKey, unknown>> {
  const items = keys.map(
    (key) => [key, context.workbook.settings.getItemOrNullObject(key).load("value")] as const
  );
  await context.sync();
  return new Map(items.map(([key, item]) => [key, item.isNullObject ? undefined : item.value]));
}

/** Queues writing a setting (it is sent with the caller's next sync). */
export function queueSetting(context: Excel.RequestContext, key: SettingKey, value: unknown): void {
  context.workbook.settings.add(key, value as string);
}

/** Reads one setting. */
export async function readSetting(run: ExcelRun, key: SettingKey): Promise<unknown> {
  return run(async (context) => (await readSettingsIn(context, [key])).get(key));
}

/** Writes one setting. */
export async function writeSetting(run: ExcelRun, key: SettingKey, value: unknown): Promise<void> {
  await run(async (context) => {
    queueSetting(context, key, value);
    await context.sync();
  });
}
