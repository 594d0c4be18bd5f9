/**
 * The engine's public surface: pure rules of the Class B Distribution Plan.
 * Adapters (Excel, runner, custom functions) import from here only.
 */
export * from "./accrual";
export * from "./accrualFast";
export * from "./accrualRowColumns";
export * from "./accrualWalk";
export * from "./accrueOnFastPath";
export * from "./agreements";
export * from "./averageDailyNetAssets";
export * from "./calendar";
export * from "./cap";
export * from "./capFast";
export * from "./carryforward";
export * from "./decimal";
export * from "./evaluatePlan";
export * from "./exceptions";
export * from "./expenditures";
export * from "./governance";
export * from "./journal";
export * from "./journalAccounts";
export * from "./journalAdjustments";
export * from "./majority";
export * from "./maximumTable";
export * from "./money";
export * from "./netAssetsSeries";
export * from "./nothingToCheck";
export * from "./payable";
export * from "./periods";
export * from "./plan";
export * from "./quarterlyReport";
export * from "./rateSchedule";
export * from "./reviewLock";
export * from "./seriesColumns";
export * from "./votes";
export * from "./worksheetHelpers";
