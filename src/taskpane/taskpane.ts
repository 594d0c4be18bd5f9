/// <reference types="office-js" />
/**
 * Entry of the task pane page — which, in the shared runtime, is also the page
 * that runs the custom functions. Importing the functions module registers
 * them (the build appends its `CustomFunctions.associate` calls), so it comes
 * first; the React pane is a separate chunk loaded only inside Excel, after
 * Office is ready, so it never delays function registration.
 */
import "../functions/functions";

/** What the pane says outside Excel. */
export const OUTSIDE_EXCEL =
  "Open this add-in from Excel: this page only works inside Excel (Home ▸ 12b-1 Plan).";

Office.onReady(async (info) => {
  const status = document.getElementById("status");
  if (info.host !== Office.HostType.Excel) {
    if (status) status.textContent = OUTSIDE_EXCEL;
    return;
  }
  const root = document.getElementById("root");
  if (!root) return;
  const { mountPane } = await import(/* webpackChunkName: "pane" */ "./mountPane");
  status?.remove();
  mountPane(root);
});
