/// <reference types="office-js" />
/**
 * Entry of the task pane page — which, in the shared runtime, is also the page
 * that runs the custom functions. Importing the functions module registers
 * them: the build appends its `CustomFunctions.associate` calls. Registration
 * comes first; the pane itself is a placeholder until the real one lands.
 */
import "../functions/functions";

/** What the pane says about where it is running. */
function statusText(host: Office.HostType | null): string {
  if (host === null) {
    return "Open this add-in from Excel: this page only works inside Excel (Home ▸ 12b-1 Plan).";
  }
  return "The RULE12B1 functions are ready: type =RULE12B1. in a cell.";
}

Office.onReady((info) => {
  const status = document.getElementById("status");
  if (status) status.textContent = statusText(info.host ?? null);
});
