/// <reference types="office-js" />
/**
 * How the adapter reaches Excel: a function with `Excel.run`'s shape. The pane
 * passes `Excel.run`; tests pass the in-memory stand-in's. Every office-js call
 * of rule12b1 happens inside such a batch, in `src/excel` only.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Excel's own `Excel.run`, for the task pane inside Excel. */
export const officeExcelRun: ExcelRun = (batch) => Excel.run(batch);
