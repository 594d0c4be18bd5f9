/**
 * Browser entry for the pane test: installs a stub `Office` (inside Excel,
 * Office theme), `CustomFunctions.associate`, and the stand-in as `Excel`
 * holding the small plan workbook, before the pane's bundle runs.
 */
import { createExcelStandIn } from "./excelStandIn";
import { planStandIn } from "./excelStandInPlan";

const w = window as unknown as Record<string, unknown>;
// A test may ask for more NAV rows (`__navCount`) before the page loads; else DOMAIN.md's four.
// …or a workbook with no plan table at all (`__empty`), as a new user opens the pane.
const standIn = w.__empty
  ? createExcelStandIn()
  : planStandIn(typeof w.__navCount === "number" ? { navCount: w.__navCount } : {});
// …and workbook settings kept from an earlier session (`__settings`).
for (const [key, value] of Object.entries((w.__settings as Record<string, unknown>) ?? {}))
  standIn.workbook.settings.set(key, value);
const mappings: Record<string, unknown> = {};
w.CustomFunctions = {
  associate: (id: string, fn: unknown) => void (mappings[id] = fn),
  _association: { mappings },
  Error: class extends Error {},
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};
w.Office = {
  HostType: { Excel: "Excel" },
  context: { officeTheme: { bodyBackgroundColor: (w.__officeBackground as string) ?? "#ffffff" } },
  onReady: (callback?: (info: { host: string; platform: string }) => void) => {
    const info = { host: "Excel", platform: "OfficeOnline" };
    setTimeout(() => callback?.(info), 0);
    return Promise.resolve(info);
  },
};
w.Excel = { run: standIn.run };
w.__standIn = standIn;
