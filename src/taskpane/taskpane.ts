/// <reference types="office-js" />
/**
 * Entry of the task pane page — which, in the shared runtime, is also the page
 * that runs the custom functions. Importing the functions module registers
 * them (the build appends its `CustomFunctions.associate` calls), so it comes
 * first (after `outsideExcel`, which lets the page load where office.js
 * could not); the React pane is a separate chunk loaded only inside Excel,
 * after Office is ready, so it never delays function registration.
 *
 * Outside Excel (office.js did not load, or `Office.onReady` names no Excel
 * host, or it never answers) the page explains itself instead of "Loading…".
 */
import { OFFICE_WAIT_MS, showOutsideExcel } from "./outsideExcel";
import "../functions/functions";
import { registerOfficeRibbonCommands } from "../commands/ribbonCommands";

let settled = false;
const outside = () => {
  if (settled) return;
  settled = true;
  showOutsideExcel(document);
};

if (typeof Office === "undefined" || typeof Office.onReady !== "function") outside();
else {
  // The ribbon's commands and shortcuts run in this shared runtime (manifest FunctionFile).
  registerOfficeRibbonCommands();
  const timer = setTimeout(outside, OFFICE_WAIT_MS);
  void Office.onReady(async (info) => {
    clearTimeout(timer);
    if (settled) return;
    if (info.host !== Office.HostType.Excel) return outside();
    settled = true;
    const root = document.getElementById("root");
    if (!root) return;
    const { mountPane } = await import(/* webpackChunkName: "pane" */ "./mountPane");
    document.getElementById("status")?.remove();
    mountPane(root);
  });
}
