/// <reference types="office-js" />
/**
 * The ribbon's command functions (manifest.xml `ExecuteFunction`) and the
 * keyboard shortcuts' actions (assets/shortcuts.json), by id, registered
 * with `Office.actions.associate` in the shared runtime (the task pane page
 * is the manifest's `FunctionFile`). One table: the manifest test checks
 * that every `FunctionName` and every shortcut action is in it, and the
 * build test that each id is in the shared runtime's bundle.
 */
import { today } from "../taskpane/notices";
import { type ExcelRun, officeExcelRun } from "../excel/excelRun";
import { type RibbonAction, runRibbonAction } from "./ribbonActions";

/** Command id (manifest `FunctionName`, shortcut `action`) → what it runs. */
export const RIBBON_COMMANDS: Readonly<Record<string, RibbonAction | "openPane">> = {
  "Rule12b1.ComputeAccruals": "computeAccruals",
  "Rule12b1.CheckCompliance": "checkCompliance",
  "Rule12b1.QuarterlyReport": "quarterlyReport",
  "Rule12b1.OpenPaneShortcut": "openPane",
};

/** What the host passes a ribbon command: an event to complete. A keyboard shortcut passes nothing. */
interface CommandEvent {
  completed(): void;
}

/** The parts of office.js the commands use (a stand-in in tests). */
export interface CommandHost {
  associate(id: string, handler: (event?: CommandEvent) => Promise<void>): void;
  showPane(): Promise<void>;
  run: ExcelRun;
}

/**
 * Associates every command id with its handler. A command that leaves the
 * user something to do (confirm, correct cells, read findings) opens the
 * pane, which shows the outcome; one that succeeds leaves the pane as it is.
 *
 * @example
 * registerRibbonCommands({ associate: Office.actions.associate, showPane: Office.addin.showAsTaskpane, run: Excel.run })
 */
export function registerRibbonCommands(host: CommandHost): void {
  for (const [id, action] of Object.entries(RIBBON_COMMANDS)) {
    host.associate(id, async (event) => {
      try {
        if (action === "openPane") await host.showPane();
        else {
          const outcome = await runRibbonAction(host.run, action, today());
          if (outcome.needsPane) await host.showPane();
        }
      } catch {
        // Nothing to show it in: the outcome is already kept for the pane.
      } finally {
        event?.completed();
      }
    });
  }
}

/**
 * Registers the commands with office.js where it can associate actions
 * (inside Office; a plain browser page that loaded office.js may lack it).
 */
export function registerOfficeRibbonCommands(): void {
  if (typeof Office === "undefined" || typeof Office.actions?.associate !== "function") return;
  try {
    registerRibbonCommands(officeCommandHost());
  } catch {
    // A host without commands (office.js outside Office): the pane and the functions still load.
  }
}

/**
 * Office's own host, for the shared runtime: `Office.actions.associate`,
 * `Office.addin.showAsTaskpane` (SharedRuntime 1.1, which the manifest
 * requires) and `Excel.run`.
 */
export function officeCommandHost(): CommandHost {
  return {
    associate: (id, handler) => Office.actions.associate(id, handler),
    showPane: () => Office.addin.showAsTaskpane(),
    run: officeExcelRun,
  };
}
