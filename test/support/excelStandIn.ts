/**
 * An in-memory stand-in for Excel's JavaScript API (office-js), close enough to
 * its semantics to catch the mistakes real add-ins make:
 *
 * - Every call is queued and runs at `context.sync()`, in order; an error
 *   (ItemNotFound, InvalidArgument, a dimension mismatch) surfaces at that
 *   sync, and the calls after it in the batch are dropped, as in Excel.
 * - A proxy's properties can be read only after `load` and a `sync`; before
 *   that they throw PropertyNotLoaded with office-js's message.
 * - Each sync's request payload is measured (JSON of every queued argument)
 *   and a request over 5 MB fails with RequestPayloadSizeLimitExceeded, as in
 *   Excel on the web; `stats` keeps the number of syncs and the largest
 *   payload for the tests and the benchmark.
 *
 * Only what rule12b1 uses is implemented; anything else is undefined and
 * fails loudly. No Node or DOM APIs: the browser test bundles this file.
 */
import {
  type Area,
  formatAddress,
  parseAddress,
  quoteSheet,
  type StandInSheet,
  type StandInTable,
  type StandInValue,
  StandInWorkbook,
} from "./excelStandInModel";

export { StandInWorkbook, type StandInValue } from "./excelStandInModel";

/** Excel on the web's limit for one request (and one response). */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export interface StandInStats {
  syncs: number;
  /** Request payload of each sync, in bytes. */
  requestBytes: number[];
  largestRequestBytes: number;
  /** Number of syncs that had `suspendApiCalculationUntilNextSync` queued. */
  suspendedSyncs: number;
}

export class StandInError extends Error {
  constructor(
    public code: string,
    message: string
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

const notLoaded = (property: string) =>
  new StandInError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`
  );

type Op = () => void;

/** The request context: a queue of operations run at sync. */
export class StandInContext {
  readonly workbook: WorkbookProxy;
  private queue: Op[] = [];
  private pendingBytes = 0;
  private suspendQueued = false;
  readonly trackedObjects = { add: () => undefined, remove: () => undefined };

  constructor(
    readonly model: StandInWorkbook,
    readonly stats: StandInStats
  ) {
    this.workbook = new WorkbookProxy(this);
  }

  /** Queues `op`; `payload` is what office-js would serialise for it. */
  enqueue(payload: unknown, op: Op): void {
    this.pendingBytes += 64 + (payload === undefined ? 0 : JSON.stringify(payload).length);
    this.queue.push(op);
  }

  suspendCalculation(): void {
    this.suspendQueued = true;
    this.enqueue(undefined, () => undefined);
  }

  get hasPending(): boolean {
    return this.queue.length > 0;
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    const bytes = this.pendingBytes;
    this.queue = [];
    this.pendingBytes = 0;
    this.stats.syncs += 1;
    this.stats.requestBytes.push(bytes);
    this.stats.largestRequestBytes = Math.max(this.stats.largestRequestBytes, bytes);
    if (this.suspendQueued) this.stats.suspendedSyncs += 1;
    this.suspendQueued = false;
    if (bytes > PAYLOAD_LIMIT_BYTES) {
      throw new StandInError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${bytes} bytes).`
      );
    }
    if (this.model.syncDelayMs > 0)
      await new Promise((resolve) => setTimeout(resolve, this.model.syncDelayMs));
    else await Promise.resolve();
    for (const op of ops) op();
  }
}

function propertyNames(spec: unknown): string[] {
  if (spec === undefined) return [];
  if (typeof spec === "string")
    return spec
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(spec)) return spec.map(String);
  if (typeof spec === "object" && spec !== null && "select" in spec)
    return propertyNames((spec as { select: unknown }).select);
  return [];
}

/** Base of every proxy: loading and reading of loaded properties. */
abstract class ClientObject {
  private readonly loaded = new Map<string, unknown>();
  constructor(readonly context: StandInContext) {}

  /** The value of `property` now, at sync time. */
  protected abstract read(property: string): unknown;

  load(spec?: unknown): this {
    const names = propertyNames(spec);
    this.context.enqueue(names, () => {
      for (const name of names) this.loaded.set(name, this.read(name));
    });
    return this;
  }

  protected loadedValue<T>(property: string): T {
    if (!this.loaded.has(property)) throw notLoaded(property);
    return this.loaded.get(property) as T;
  }

  /** A setter: queued with its payload. */
  protected queueSet(property: string, value: unknown, apply: Op): void {
    this.context.enqueue({ [property]: value }, apply);
  }

  /** office-js fills `isNullObject` of an *OrNullObject proxy at the next sync without a load. */
  protected resolveNullnessAtSync(): void {
    this.context.enqueue(undefined, () =>
      this.loaded.set("isNullObject", this.read("isNullObject"))
    );
  }

  untrack(): this {
    return this;
  }
  track(): this {
    return this;
  }
}

class WorkbookProxy extends ClientObject {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly settings: SettingCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly comments: CommentCollectionProxy;
  readonly application: { suspendApiCalculationUntilNextSync: () => void };
  readonly functions: { date: (year: number, month: number, day: number) => FunctionResultProxy };
  constructor(context: StandInContext) {
    super(context);
    this.worksheets = new WorksheetCollectionProxy(context);
    this.tables = new TableCollectionProxy(context, () =>
      context.model.sheets.flatMap((sheet) => sheet.tables.map((table) => ({ sheet, table })))
    );
    this.settings = new SettingCollectionProxy(context);
    this.names = new NamedItemCollectionProxy(context);
    this.comments = new CommentCollectionProxy(context);
    this.application = { suspendApiCalculationUntilNextSync: () => context.suspendCalculation() };
    this.functions = {
      // DATE(1904,1,1) is serial 1462 in the 1900 system and 0 in the 1904 system.
      date: (year, month, day) =>
        new FunctionResultProxy(context, () => {
          const days1900 = Math.round(
            (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000
          );
          return context.model.dateSystem === "1904" ? days1900 - 1462 : days1900;
        }),
    };
  }
  protected read(property: string): unknown {
    return property === "name" ? this.context.model.name : undefined;
  }
  /** The file name (ExcelApi 1.7). */
  get name(): string {
    return this.loadedValue("name");
  }
  /** The user's selection (`model.selection`, set by tests or by `Range.select`); fails like Excel when there is none. */
  getSelectedRange(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const selection = this.context.model.selection;
      const sheet = selection ? this.context.model.sheet(selection.sheet) : undefined;
      return selection && sheet ? { sheet, area: parseAddress(selection.address) } : null;
    });
  }
}

class FunctionResultProxy extends ClientObject {
  constructor(
    context: StandInContext,
    private readonly compute: () => unknown
  ) {
    super(context);
  }
  protected read(property: string): unknown {
    return property === "value" ? this.compute() : property === "error" ? null : undefined;
  }
  get value(): unknown {
    return this.loadedValue("value");
  }
}

class SettingProxy extends ClientObject {
  constructor(
    context: StandInContext,
    private readonly key: string,
    private readonly nullable: boolean
  ) {
    super(context);
    if (nullable) this.resolveNullnessAtSync();
  }
  protected read(property: string): unknown {
    const present = this.context.model.settings.has(this.key);
    if (property === "isNullObject") return !present;
    if (!present && !this.nullable)
      throw new StandInError(
        "ItemNotFound",
        `The requested resource doesn't exist (setting ${this.key}).`
      );
    if (property === "key") return this.key;
    if (property === "value")
      return present ? structuredCloneValue(this.context.model.settings.get(this.key)) : undefined;
    return undefined;
  }
  get value(): unknown {
    return this.loadedValue("value");
  }
  get isNullObject(): boolean {
    return this.loadedValue("isNullObject");
  }
  delete(): void {
    this.context.enqueue(undefined, () => this.context.model.settings.delete(this.key));
  }
}

function structuredCloneValue(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

class SettingCollectionProxy extends ClientObject {
  protected read(): unknown {
    return undefined;
  }
  getItemOrNullObject(key: string): SettingProxy {
    return new SettingProxy(this.context, key, true);
  }
  getItem(key: string): SettingProxy {
    return new SettingProxy(this.context, key, false);
  }
  add(key: string, value: unknown): SettingProxy {
    this.context.enqueue({ key, value }, () =>
      this.context.model.settings.set(key, structuredCloneValue(value))
    );
    return new SettingProxy(this.context, key, false);
  }
}

/** Workbook-scoped defined names (ExcelApi 1.4): add, getItemOrNullObject, delete, getRangeOrNullObject. */
class NamedItemCollectionProxy extends ClientObject {
  protected read(): unknown {
    return undefined;
  }
  add(name: string, reference: RangeProxy | string, _comment?: string): NamedItemProxy {
    this.context.enqueue(
      { name, reference: typeof reference === "string" ? reference : "range" },
      () => {
        if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name))
          throw new StandInError("InvalidArgument", `Bad name ${name}.`);
        if (
          [...this.context.model.names.keys()].some((k) => k.toLowerCase() === name.toLowerCase())
        )
          throw new StandInError("ItemAlreadyExists", `The name ${name} already exists.`);
        let formula: string;
        if (typeof reference === "string")
          formula = reference.startsWith("=") ? reference : `=${reference}`;
        else {
          const { sheet, area } = reference.resolve();
          formula = `=${quoteSheet(sheet.name)}!${formatAddress(area).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")}`;
        }
        this.context.model.names.set(name, formula);
      }
    );
    return new NamedItemProxy(this.context, name, false);
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(this.context, name, true);
  }
  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this.context, name, false);
  }
}

class NamedItemProxy extends ClientObject {
  constructor(
    context: StandInContext,
    private readonly itemName: string,
    private readonly nullable: boolean
  ) {
    super(context);
    if (nullable) this.resolveNullnessAtSync();
  }
  private key(): string | undefined {
    return [...this.context.model.names.keys()].find(
      (k) => k.toLowerCase() === this.itemName.toLowerCase()
    );
  }
  protected read(property: string): unknown {
    const key = this.key();
    if (property === "isNullObject") return key === undefined;
    if (key === undefined) {
      if (this.nullable) return undefined;
      throw new StandInError(
        "ItemNotFound",
        `The requested resource doesn't exist (name ${this.itemName}).`
      );
    }
    if (property === "name") return key;
    if (property === "formula" || property === "value") return this.context.model.names.get(key);
    if (property === "type") return "Range";
    throw new StandInError("InvalidArgument", `The stand-in does not load NamedItem.${property}.`);
  }
  get name(): string {
    return this.loadedValue("name");
  }
  get formula(): string {
    return this.loadedValue("formula");
  }
  get isNullObject(): boolean {
    return this.loadedValue("isNullObject");
  }
  delete(): void {
    this.context.enqueue(undefined, () => {
      const key = this.key();
      if (key === undefined)
        throw new StandInError(
          "ItemNotFound",
          `The requested resource doesn't exist (name ${this.itemName}).`
        );
      this.context.model.names.delete(key);
    });
  }
  /** The range the name refers to, or a null object when it refers to none (or to a deleted sheet). */
  getRangeOrNullObject(): RangeProxy {
    return new RangeProxy(
      this.context,
      () => {
        const key = this.key();
        if (key === undefined) return null;
        const area = parseAddress(this.context.model.names.get(key)!.replace(/^=/, ""));
        const sheet = area.sheet ? this.context.model.sheet(area.sheet) : undefined;
        return sheet ? { sheet, area } : null;
      },
      true
    );
  }
}

class WorksheetCollectionProxy extends ClientObject {
  private snapshot: WorksheetProxy[] | null = null;
  protected read(property: string): unknown {
    if (property.startsWith("items")) {
      this.snapshot = this.context.model.sheets.map((sheet) => {
        const proxy = new WorksheetProxy(this.context, () => sheet, false);
        proxy.preload(["name", "position"], {
          name: sheet.name,
          position: this.context.model.sheets.indexOf(sheet),
        });
        return proxy;
      });
    }
    return undefined;
  }
  load(spec?: unknown): this {
    return super.load(propertyNames(spec).length ? ["items"] : ["items"]);
  }
  get items(): WorksheetProxy[] {
    if (!this.snapshot) throw notLoaded("items");
    return this.snapshot;
  }
  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.context.model.sheet(name), false, name);
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.context, () => this.context.model.sheet(name), true, name);
  }
  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(
      this.context,
      () =>
        this.context.model.sheet(this.context.model.activeSheet ?? "") ??
        this.context.model.sheets[0],
      false
    );
  }
  add(name: string): WorksheetProxy {
    let created: StandInSheet | undefined;
    this.context.enqueue({ name }, () => {
      if (this.context.model.sheet(name))
        throw new StandInError("ItemAlreadyExists", `A sheet named ${name} already exists.`);
      if (name.length > 31 || /[\\/?*[\]:]/.test(name))
        throw new StandInError("InvalidArgument", `Invalid sheet name ${name}.`);
      created = this.context.model.addSheet(name);
    });
    return new WorksheetProxy(this.context, () => created, false, name);
  }
}

class WorksheetProxy extends ClientObject {
  readonly tables: TableCollectionProxy;
  readonly charts: ChartCollectionProxy;
  readonly pageLayout: PageLayoutProxy;
  readonly freezePanes: { freezeRows: (count: number) => void };
  readonly horizontalPageBreaks: { add: (range: string) => void };
  readonly notes: NoteCollectionProxy;
  constructor(
    context: StandInContext,
    private readonly resolveMaybe: () => StandInSheet | undefined,
    private readonly nullable: boolean,
    private readonly label = ""
  ) {
    super(context);
    if (nullable) this.resolveNullnessAtSync();
    this.tables = new TableCollectionProxy(context, () => {
      const sheet = this.resolve();
      return sheet.tables.map((table) => ({ sheet, table }));
    });
    this.charts = new ChartCollectionProxy(context, () => this.resolve());
    this.pageLayout = new PageLayoutProxy(context, () => this.resolve());
    this.notes = new NoteCollectionProxy(context, () => this.resolve());
    this.freezePanes = {
      freezeRows: (count: number) =>
        context.enqueue({ count }, () => void (this.resolve().frozenRows = count)),
    };
    this.horizontalPageBreaks = {
      add: (range: string) =>
        context.enqueue({ range }, () => void this.resolve().pageBreaks.push(range)),
    };
  }
  private preloaded = new Map<string, unknown>();
  preload(names: string[], values: Record<string, unknown>): void {
    for (const name of names) this.preloaded.set(name, values[name]);
  }
  resolve(): StandInSheet {
    const sheet = this.resolveMaybe();
    if (!sheet)
      throw new StandInError(
        "ItemNotFound",
        `The requested resource doesn't exist (worksheet ${this.label}).`
      );
    return sheet;
  }
  protected read(property: string): unknown {
    const sheet = this.resolveMaybe();
    if (property === "isNullObject") return sheet === undefined;
    if (!sheet) {
      if (this.nullable) return undefined;
      throw new StandInError(
        "ItemNotFound",
        `The requested resource doesn't exist (worksheet ${this.label}).`
      );
    }
    if (property === "name") return sheet.name;
    if (property === "position") return this.context.model.sheets.indexOf(sheet);
    if (property === "visibility") return sheet.visibility;
    return undefined;
  }
  protected override loadedValue<T>(property: string): T {
    if (this.preloaded.has(property)) return this.preloaded.get(property) as T;
    return super.loadedValue<T>(property);
  }
  get name(): string {
    return this.loadedValue("name");
  }
  set name(value: string) {
    this.queueSet("name", value, () => {
      const sheet = this.resolve();
      const other = this.context.model.sheet(value);
      if (other && other !== sheet)
        throw new StandInError("ItemAlreadyExists", `A sheet named ${value} already exists.`);
      if (value.length > 31 || /[\\/?*[\]:]/.test(value))
        throw new StandInError("InvalidArgument", `Invalid sheet name ${value}.`);
      sheet.name = value;
    });
  }
  set tabColor(value: string) {
    this.queueSet("tabColor", value, () => void (this.resolve().pageLayout.tabColor = value));
  }
  set showGridlines(value: boolean) {
    this.queueSet("showGridlines", value, () => void (this.resolve().showGridlines = value));
  }
  get visibility(): string {
    return this.loadedValue("visibility");
  }
  set visibility(value: string) {
    this.queueSet(
      "visibility",
      value,
      () => void (this.resolve().visibility = value as StandInSheet["visibility"])
    );
  }
  get isNullObject(): boolean {
    return this.loadedValue("isNullObject");
  }
  get position(): number {
    return this.loadedValue("position");
  }
  set position(value: number) {
    this.queueSet("position", value, () => {
      const sheets = this.context.model.sheets;
      const sheet = this.resolve();
      sheets.splice(sheets.indexOf(sheet), 1);
      sheets.splice(Math.min(value, sheets.length), 0, sheet);
    });
  }
  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.context, () => {
      const sheet = this.resolve();
      if (address === undefined)
        return { sheet, area: { row: 0, column: 0, rows: 1_048_576, columns: 16_384 } };
      const area = parseAddress(address);
      return { sheet, area };
    });
  }
  getRangeByIndexes(row: number, column: number, rows: number, columns: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      if (rows < 1 || columns < 1 || row < 0 || column < 0)
        throw new StandInError(
          "InvalidArgument",
          "The argument is invalid or missing or has an incorrect format."
        );
      return { sheet: this.resolve(), area: { row, column, rows, columns } };
    });
  }
  getUsedRangeOrNullObject(): RangeProxy {
    return new RangeProxy(
      this.context,
      () => {
        const sheet = this.resolve();
        const extent = sheet.usedExtent();
        return extent
          ? {
              sheet,
              area: { row: 0, column: 0, rows: extent.lastRow + 1, columns: extent.lastColumn + 1 },
            }
          : null;
      },
      true
    );
  }
  activate(): void {
    this.context.enqueue(
      undefined,
      () => void (this.context.model.activeSheet = this.resolve().name)
    );
  }
  delete(): void {
    this.context.enqueue(undefined, () => {
      const sheets = this.context.model.sheets;
      sheets.splice(sheets.indexOf(this.resolve()), 1);
    });
  }
}

type RangeTarget = { sheet: StandInSheet; area: Area };

function matrix<T>(
  value: unknown,
  area: Area,
  what: string
): (rowIndex: number, columnIndex: number) => T {
  if (!Array.isArray(value)) return () => value as T;
  const rows = value as unknown[][];
  if (
    rows.length !== area.rows ||
    rows.some((row) => !Array.isArray(row) || row.length !== area.columns)
  ) {
    throw new StandInError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: ${rows.length}×${rows[0]?.length ?? 0} for ${area.rows}×${area.columns}).`
    );
  }
  return (r, c) => rows[r]![c] as T;
}

function evaluateFormula(sheet: StandInSheet, formula: string): StandInValue {
  const sumMatch = /^=SUM\(([A-Z]+\d+(?::[A-Z]+\d+)?)\)$/i.exec(formula);
  if (sumMatch) {
    const area = parseAddress(sumMatch[1]!);
    let total = 0;
    for (let r = area.row; r < area.row + area.rows; r += 1)
      for (let c = area.column; c < area.column + area.columns; c += 1) {
        const v = valueOf(sheet, r, c);
        if (typeof v === "number") total += v;
      }
    return Math.round(total * 100) / 100;
  }
  // Sums and differences of cells, "=C8+C9+C12", "=B30-B31" (the report's Item 19(g) lines).
  if (/^=[A-Z]+\d+([+-][A-Z]+\d+)*$/i.test(formula)) {
    const total = (formula.slice(1).match(/[+-]?[A-Z]+\d+/gi) ?? []).reduce((sum, term) => {
      const sign = term.startsWith("-") ? -1 : 1;
      const area = parseAddress(term.replace(/^[+-]/, ""));
      const v = valueOf(sheet, area.row, area.column);
      return sum + sign * (typeof v === "number" ? v : 0);
    }, 0);
    return Math.round(total * 100) / 100;
  }
  // "=MAX(0,B20-B21)": the report's Item 19(g) difference, on the row its sign belongs to.
  const maxMatch = /^=MAX\(0,(.+)\)$/i.exec(formula);
  if (maxMatch) {
    const inner = evaluateFormula(sheet, `=${maxMatch[1]!}`);
    return typeof inner === "number" ? Math.max(0, inner) : "";
  }
  // Other formulas (RULE12B1.…, SUMIFS) are not computed by the stand-in.
  return "";
}

function valueOf(sheet: StandInSheet, row: number, column: number): StandInValue {
  const cell = sheet.cell(row, column);
  if (!cell) return "";
  return cell.formula !== undefined ? evaluateFormula(sheet, cell.formula) : cell.value;
}

class RangeProxy extends ClientObject {
  readonly format: RangeFormatProxy;
  readonly dataValidation: DataValidationProxy;
  readonly conditionalFormats: ConditionalFormatCollectionProxy;
  constructor(
    context: StandInContext,
    private readonly resolveMaybe: () => RangeTarget | null,
    private readonly nullable = false
  ) {
    super(context);
    if (nullable) this.resolveNullnessAtSync();
    this.format = new RangeFormatProxy(context, () => this.resolve());
    this.dataValidation = new DataValidationProxy(context, () => this.resolve());
    this.conditionalFormats = new ConditionalFormatCollectionProxy(context, () => this.resolve());
  }
  resolve(): RangeTarget {
    const target = this.resolveMaybe();
    if (!target)
      throw new StandInError("ItemNotFound", "The requested resource doesn't exist (range).");
    return target;
  }
  private each<T>(fn: (sheet: StandInSheet, row: number, column: number) => T): T[][] {
    const { sheet, area } = this.resolve();
    if (area.rows * area.columns > 5_000_000)
      throw new StandInError(
        "ResponsePayloadSizeLimitExceeded",
        "The response payload size has exceeded the limit."
      );
    const rows: T[][] = [];
    for (let r = 0; r < area.rows; r += 1) {
      const row: T[] = [];
      for (let c = 0; c < area.columns; c += 1) row.push(fn(sheet, area.row + r, area.column + c));
      rows.push(row);
    }
    return rows;
  }
  protected read(property: string): unknown {
    if (property === "isNullObject") return this.resolveMaybe() === null;
    if (this.nullable && this.resolveMaybe() === null) return undefined;
    const { sheet, area } = this.resolve();
    switch (property) {
      case "values":
        return this.each((s, r, c) => valueOf(s, r, c));
      case "formulas":
        return this.each((s, r, c) => s.cell(r, c)?.formula ?? s.cell(r, c)?.value ?? "");
      case "numberFormat":
        return this.each((s, r, c) => s.cell(r, c)?.numberFormat ?? "General");
      case "address":
        return `${quoteSheet(sheet.name)}!${formatAddress(area)}`;
      case "rowIndex":
        return area.row;
      case "columnIndex":
        return area.column;
      case "rowCount":
        return area.rows;
      case "columnCount":
        return area.columns;
      default:
        throw new StandInError("InvalidArgument", `The stand-in does not load Range.${property}.`);
    }
  }
  get values(): StandInValue[][] {
    return this.loadedValue("values");
  }
  set values(value: unknown) {
    this.queueSet("values", value, () => {
      const { sheet, area } = this.resolve();
      const at = matrix<StandInValue>(value, area, "values");
      for (let r = 0; r < area.rows; r += 1)
        for (let c = 0; c < area.columns; c += 1) {
          const v = at(r, c);
          const prior = sheet.cell(area.row + r, area.column + c);
          const text = typeof v === "string" ? v : null;
          // Like Excel, a string starting with "=" written to `values` becomes a formula.
          if (text !== null && text.startsWith("'")) {
            // The apostrophe prefix: text, shown without the apostrophe.
            sheet.setCell(area.row + r, area.column + c, {
              value: text.slice(1),
              ...(prior?.numberFormat ? { numberFormat: prior.numberFormat } : {}),
            });
          } else if (text !== null && /^[=+]/.test(text) && prior?.numberFormat !== "@") {
            sheet.setCell(area.row + r, area.column + c, {
              value: "",
              formula: text,
              ...(prior?.numberFormat ? { numberFormat: prior.numberFormat } : {}),
            });
          } else {
            sheet.setCell(area.row + r, area.column + c, {
              value: v ?? "",
              ...(prior?.numberFormat ? { numberFormat: prior.numberFormat } : {}),
            });
          }
        }
      extendTables(sheet, area);
    });
  }
  get formulas(): unknown[][] {
    return this.loadedValue("formulas");
  }
  set formulas(value: unknown) {
    this.queueSet("formulas", value, () => {
      const { sheet, area } = this.resolve();
      const at = matrix<StandInValue>(value, area, "formulas");
      for (let r = 0; r < area.rows; r += 1)
        for (let c = 0; c < area.columns; c += 1) {
          const v = at(r, c);
          const prior = sheet.cell(area.row + r, area.column + c);
          const format = prior?.numberFormat ? { numberFormat: prior.numberFormat } : {};
          if (typeof v === "string" && v.startsWith("="))
            sheet.setCell(area.row + r, area.column + c, { value: "", formula: v, ...format });
          else sheet.setCell(area.row + r, area.column + c, { value: v ?? "", ...format });
        }
      extendTables(sheet, area);
    });
  }
  get numberFormat(): string[][] {
    return this.loadedValue("numberFormat");
  }
  set numberFormat(value: unknown) {
    this.queueSet("numberFormat", value, () => {
      const { sheet, area } = this.resolve();
      const at = matrix<string>(value, area, "numberFormat");
      for (let r = 0; r < area.rows; r += 1)
        for (let c = 0; c < area.columns; c += 1) {
          const prior = sheet.cell(area.row + r, area.column + c) ?? { value: "" };
          sheet.setCell(area.row + r, area.column + c, { ...prior, numberFormat: at(r, c) });
        }
    });
  }
  get address(): string {
    return this.loadedValue("address");
  }
  get rowIndex(): number {
    return this.loadedValue("rowIndex");
  }
  get columnIndex(): number {
    return this.loadedValue("columnIndex");
  }
  get rowCount(): number {
    return this.loadedValue("rowCount");
  }
  get columnCount(): number {
    return this.loadedValue("columnCount");
  }
  get isNullObject(): boolean {
    return this.loadedValue("isNullObject");
  }
  getCell(row: number, column: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      const { sheet, area } = this.resolve();
      return {
        sheet,
        area: { row: area.row + row, column: area.column + column, rows: 1, columns: 1 },
      };
    });
  }
  getRow(index: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      const { sheet, area } = this.resolve();
      return { sheet, area: { ...area, row: area.row + index, rows: 1 } };
    });
  }
  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      const { sheet, area } = this.resolve();
      return {
        sheet,
        area: { ...area, rows: area.rows + deltaRows, columns: area.columns + deltaColumns },
      };
    });
  }
  getOffsetRange(rows: number, columns: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      const { sheet, area } = this.resolve();
      return { sheet, area: { ...area, row: area.row + rows, column: area.column + columns } };
    });
  }
  getUsedRangeOrNullObject(): RangeProxy {
    return new RangeProxy(
      this.context,
      () => {
        const { sheet, area } = this.resolve();
        let top = Infinity,
          left = Infinity,
          bottom = -1,
          right = -1;
        for (const key of sheet.cells.keys()) {
          const [r, c] = key.split(",").map(Number) as [number, number];
          const cell = sheet.cell(r, c)!;
          if (cell.value === "" && cell.formula === undefined) continue;
          if (
            r < area.row ||
            r >= area.row + area.rows ||
            c < area.column ||
            c >= area.column + area.columns
          )
            continue;
          top = Math.min(top, r);
          left = Math.min(left, c);
          bottom = Math.max(bottom, r);
          right = Math.max(right, c);
        }
        return bottom < 0
          ? null
          : {
              sheet,
              area: { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 },
            };
      },
      true
    );
  }
  /** office-js `getMergedAreasOrNullObject` (ExcelApi 1.13): the merged areas overlapping this range. */
  getMergedAreasOrNullObject(): MergedAreasProxy {
    return new MergedAreasProxy(this.context, () => {
      const { sheet, area } = this.resolve();
      const hits = sheet.merges.filter((m) => {
        const o = parseAddress(m);
        return (
          area.row < o.row + o.rows &&
          area.row + area.rows > o.row &&
          area.column < o.column + o.columns &&
          area.column + area.columns > o.column
        );
      });
      return hits.length ? hits.map((m) => `${quoteSheet(sheet.name)}!${m}`).join(", ") : null;
    });
  }
  merge(across = false): void {
    this.context.enqueue({ across }, () => {
      const { sheet, area } = this.resolve();
      const overlaps = sheet.merges.some((m) => {
        const o = parseAddress(m);
        return (
          area.row < o.row + o.rows &&
          area.row + area.rows > o.row &&
          area.column < o.column + o.columns &&
          area.column + area.columns > o.column
        );
      });
      if (overlaps)
        throw new StandInError(
          "InvalidOperation",
          `Cannot merge ${formatAddress(area)}: it overlaps a merged area.`
        );
      if (across)
        for (let r = 0; r < area.rows; r += 1)
          sheet.merges.push(formatAddress({ ...area, row: area.row + r, rows: 1 }));
      else sheet.merges.push(formatAddress(area));
    });
  }
  select(): void {
    this.context.enqueue(undefined, () => {
      const { sheet, area } = this.resolve();
      this.context.model.activeSheet = sheet.name;
      this.context.model.selection = { sheet: sheet.name, address: formatAddress(area) };
    });
  }
  clear(applyTo?: string): void {
    this.context.enqueue({ applyTo }, () => {
      const { sheet, area } = this.resolve();
      for (let r = 0; r < area.rows; r += 1)
        for (let c = 0; c < area.columns; c += 1) {
          const prior = sheet.cell(area.row + r, area.column + c);
          if (applyTo === "Contents" && prior?.numberFormat)
            sheet.setCell(area.row + r, area.column + c, {
              value: "",
              numberFormat: prior.numberFormat,
            });
          else sheet.setCell(area.row + r, area.column + c, undefined);
        }
    });
  }
}

/** A `RangeAreas` of merged cells: `address` is "Sheet!A4:A5, Sheet!C2:C3" as Excel gives it; null when none. */
class MergedAreasProxy extends ClientObject {
  constructor(
    context: StandInContext,
    private readonly addressNow: () => string | null
  ) {
    super(context);
    this.resolveNullnessAtSync();
  }
  protected read(property: string): unknown {
    if (property === "isNullObject") return this.addressNow() === null;
    if (property === "address") return this.addressNow() ?? undefined;
    throw new StandInError("InvalidArgument", `The stand-in does not load RangeAreas.${property}.`);
  }
  get address(): string {
    return this.loadedValue("address");
  }
  get isNullObject(): boolean {
    return this.loadedValue("isNullObject");
  }
}

/** Excel's table auto-expansion: rows written directly below a table join it. */
function extendTables(sheet: StandInSheet, area: Area): void {
  for (const table of sheet.tables) {
    const below = table.top + table.rowCount;
    const overlapsColumns =
      area.column < table.left + table.columnCount && area.column + area.columns > table.left;
    if (overlapsColumns && area.row === below) table.rowCount += area.rows;
  }
}

class RangeFormatProxy extends ClientObject {
  readonly fill: { color: string };
  readonly font: { bold: boolean; color: string; italic: boolean; size: number; name: string };
  readonly borders: {
    getItem: (index: string) => { style: string; color: string; weight: string };
  };
  constructor(
    context: StandInContext,
    private readonly target: () => RangeTarget
  ) {
    super(context);
    const record = (
      property: string,
      value: unknown,
      extra?: (sheet: StandInSheet, area: Area) => void
    ) =>
      // An arrow function: `this` is the range even when a format's setter calls it.
      this.context.enqueue({ [property]: value }, () => {
        const { sheet, area } = target();
        sheet.setStyle(area, property, value);
        extra?.(sheet, area);
      });
    const writeOnly = (name: string) => () => {
      throw notLoaded(name);
    };
    this.fill = {
      set color(value: string) {
        record("fill", value, (sheet, area) => sheet.fills.set(formatAddress(area), value));
      },
      get color(): string {
        return writeOnly("color")();
      },
    };
    this.font = {
      set bold(value: boolean) {
        record("bold", value, (sheet, area) =>
          value ? sheet.bold.add(formatAddress(area)) : sheet.bold.delete(formatAddress(area))
        );
      },
      get bold(): boolean {
        return writeOnly("bold")();
      },
      set color(value: string) {
        record("fontColor", value);
      },
      get color(): string {
        return writeOnly("color")();
      },
      set italic(value: boolean) {
        record("italic", value);
      },
      get italic(): boolean {
        return writeOnly("italic")();
      },
      set size(value: number) {
        record("size", value);
      },
      get size(): number {
        return writeOnly("size")();
      },
      set name(value: string) {
        record("fontName", value);
      },
      get name(): string {
        return writeOnly("name")();
      },
    };
    this.borders = {
      getItem: (index: string) => {
        if (
          !/^(EdgeTop|EdgeBottom|EdgeLeft|EdgeRight|InsideVertical|InsideHorizontal)$/.test(index)
        )
          throw new StandInError("InvalidArgument", `Bad border index ${index}.`);
        return {
          set style(value: string) {
            record(`border${index}`, value);
          },
          get style(): string {
            return writeOnly("style")();
          },
          set color(value: string) {
            record(`border${index}Color`, value);
          },
          get color(): string {
            return writeOnly("color")();
          },
          set weight(value: string) {
            record(`border${index}Weight`, value);
          },
          get weight(): string {
            return writeOnly("weight")();
          },
        };
      },
    };
  }
  protected read(): unknown {
    return undefined;
  }
  private record(
    property: string,
    value: unknown,
    extra?: (sheet: StandInSheet, area: Area) => void
  ): void {
    this.queueSet(property, value, () => {
      const { sheet, area } = this.target();
      sheet.setStyle(area, property, value);
      extra?.(sheet, area);
    });
  }
  set columnWidth(value: number) {
    this.record("columnWidth", value, (sheet, area) => {
      for (let c = 0; c < area.columns; c += 1) sheet.columnWidths.set(area.column + c, value);
    });
  }
  set rowHeight(value: number) {
    this.record("rowHeight", value, (sheet, area) => {
      for (let r = 0; r < area.rows; r += 1) sheet.rowHeights.set(area.row + r, value);
    });
  }
  set wrapText(value: boolean) {
    this.record("wrapText", value);
  }
  set horizontalAlignment(value: string) {
    if (!/^(General|Left|Center|Right|Fill|Justify|CenterAcrossSelection|Distributed)$/.test(value))
      throw new StandInError("InvalidArgument", `Bad horizontalAlignment ${value}.`);
    this.record("horizontalAlignment", value);
  }
  set verticalAlignment(value: string) {
    if (!/^(Top|Center|Bottom|Justify|Distributed)$/.test(value))
      throw new StandInError("InvalidArgument", `Bad verticalAlignment ${value}.`);
    this.record("verticalAlignment", value);
  }
  set indentLevel(value: number) {
    if (!Number.isInteger(value) || value < 0 || value > 250)
      throw new StandInError("InvalidArgument", `Bad indentLevel ${value}.`);
    this.record("indentLevel", value);
  }
  autofitColumns(): void {
    this.context.enqueue(undefined, () => undefined);
  }
}

class DataValidationProxy extends ClientObject {
  constructor(
    context: StandInContext,
    private readonly target: () => RangeTarget
  ) {
    super(context);
  }
  protected read(): unknown {
    return undefined;
  }
  private current(): { row: number; column: number; rows: number; columns: number; rule: unknown } {
    const { sheet, area } = this.target();
    let found = sheet.validations.find(
      (v) =>
        v.row === area.row &&
        v.column === area.column &&
        v.rows === area.rows &&
        v.columns === area.columns
    );
    if (!found) {
      found = {
        row: area.row,
        column: area.column,
        rows: area.rows,
        columns: area.columns,
        rule: null,
      };
      sheet.validations.push(found);
    }
    return found;
  }
  set rule(value: unknown) {
    this.queueSet("rule", value, () => void (this.current().rule = value));
  }
  set prompt(value: unknown) {
    this.queueSet(
      "prompt",
      value,
      () => void ((this.current() as { prompt?: unknown }).prompt = value)
    );
  }
  set errorAlert(value: unknown) {
    this.queueSet(
      "errorAlert",
      value,
      () => void ((this.current() as { errorAlert?: unknown }).errorAlert = value)
    );
  }
  clear(): void {
    this.context.enqueue(undefined, () => {
      const { sheet, area } = this.target();
      const keep = sheet.validations.filter(
        (v) =>
          !(
            v.row === area.row &&
            v.column === area.column &&
            v.rows === area.rows &&
            v.columns === area.columns
          )
      );
      sheet.validations.splice(0, sheet.validations.length, ...keep);
    });
  }
}

class ConditionalFormatCollectionProxy extends ClientObject {
  constructor(
    context: StandInContext,
    private readonly target: () => RangeTarget
  ) {
    super(context);
  }
  protected read(): unknown {
    return undefined;
  }
  clearAll(): void {
    this.context.enqueue(undefined, () => {
      const { sheet, area } = this.target();
      const keep = sheet.conditionalFormats.filter(
        (f) =>
          f.row + f.rows <= area.row ||
          f.row >= area.row + area.rows ||
          f.column + f.columns <= area.column ||
          f.column >= area.column + area.columns
      );
      sheet.conditionalFormats.splice(0, sheet.conditionalFormats.length, ...keep);
    });
  }
  add(type: string): {
    custom: {
      rule: { formula: string };
      format: { fill: { color: string }; font: { color: string } };
    };
  } {
    const record: { type: string; formula?: string; fill?: string; fontColor?: string } = { type };
    this.context.enqueue({ type }, () => {
      const { sheet, area } = this.target();
      sheet.conditionalFormats.push(
        Object.assign(record, {
          row: area.row,
          column: area.column,
          rows: area.rows,
          columns: area.columns,
        }) as never
      );
    });
    const context = this.context;
    return {
      custom: {
        rule: {
          set formula(value: string) {
            context.enqueue({ formula: value }, () => void (record.formula = value));
          },
          get formula(): string {
            throw notLoaded("formula");
          },
        },
        format: {
          fill: {
            set color(value: string) {
              context.enqueue({ color: value }, () => void (record.fill = value));
            },
            get color(): string {
              throw notLoaded("color");
            },
          },
          font: {
            set color(value: string) {
              context.enqueue({ color: value }, () => void (record.fontColor = value));
            },
            get color(): string {
              throw notLoaded("color");
            },
          },
        },
      },
    };
  }
}

type TableTarget = { sheet: StandInSheet; table: StandInTable };

class TableCollectionProxy extends ClientObject {
  private snapshot: TableProxy[] | null = null;
  constructor(
    context: StandInContext,
    private readonly list: () => TableTarget[]
  ) {
    super(context);
  }
  protected read(property: string): unknown {
    if (property.startsWith("items") || property === "name") {
      this.snapshot = this.list().map((target) => {
        const proxy = new TableProxy(this.context, () => target, target.table.name);
        proxy.preload({ name: target.table.name });
        return proxy;
      });
    }
    return undefined;
  }
  get items(): TableProxy[] {
    if (!this.snapshot) throw notLoaded("items");
    return this.snapshot;
  }
  getItemOrNullObject(name: string): TableProxy {
    return new TableProxy(
      this.context,
      () => this.list().find((t) => t.table.name.toLowerCase() === name.toLowerCase()) ?? null,
      name,
      true
    );
  }
  getItem(name: string): TableProxy {
    return new TableProxy(
      this.context,
      () => this.list().find((t) => t.table.name.toLowerCase() === name.toLowerCase()) ?? null,
      name
    );
  }
  add(address: string, hasHeaders: boolean): TableProxy {
    let created: TableTarget | null = null;
    this.context.enqueue({ address, hasHeaders }, () => {
      const area = parseAddress(address);
      const sheet = area.sheet ? this.context.model.sheet(area.sheet) : undefined;
      if (!sheet)
        throw new StandInError(
          "InvalidArgument",
          `Table address needs an existing sheet: ${address}`
        );
      for (const other of sheet.tables) {
        const overlap =
          area.row < other.top + other.rowCount &&
          area.row + area.rows > other.top &&
          area.column < other.left + other.columnCount &&
          area.column + area.columns > other.left;
        if (overlap)
          throw new StandInError("InvalidOperation", "A table can't overlap another table.");
      }
      if (!hasHeaders)
        throw new StandInError(
          "InvalidArgument",
          "The stand-in supports tables with headers only."
        );
      const table: StandInTable = {
        name: `Table${sheet.tables.length + 1}`,
        top: area.row,
        left: area.column,
        rowCount: area.rows,
        columnCount: area.columns,
      };
      sheet.tables.push(table);
      created = { sheet, table };
    });
    return new TableProxy(this.context, () => created, "new table");
  }
}

class TableProxy extends ClientObject {
  private preloadedValues = new Map<string, unknown>();
  readonly worksheet: WorksheetProxy;
  constructor(
    context: StandInContext,
    private readonly resolveMaybe: () => TableTarget | null,
    private readonly label: string,
    private readonly nullable = false
  ) {
    super(context);
    if (nullable) this.resolveNullnessAtSync();
    this.worksheet = new WorksheetProxy(context, () => this.resolve().sheet, false);
  }
  preload(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.preloadedValues.set(k, v);
  }
  resolve(): TableTarget {
    const target = this.resolveMaybe();
    if (!target)
      throw new StandInError(
        "ItemNotFound",
        `The requested resource doesn't exist (table ${this.label}).`
      );
    return target;
  }
  protected read(property: string): unknown {
    const target = this.resolveMaybe();
    if (property === "isNullObject") return target === null;
    if (!target) {
      if (this.nullable) return undefined;
      throw new StandInError(
        "ItemNotFound",
        `The requested resource doesn't exist (table ${this.label}).`
      );
    }
    if (property === "name") return target.table.name;
    if (property === "style") return target.table.style ?? "TableStyleMedium2";
    if (property === "showTotals") return target.table.totalsRow ?? false;
    throw new StandInError("InvalidArgument", `The stand-in does not load Table.${property}.`);
  }
  protected override loadedValue<T>(property: string): T {
    if (this.preloadedValues.has(property)) return this.preloadedValues.get(property) as T;
    return super.loadedValue<T>(property);
  }
  get name(): string {
    return this.loadedValue("name");
  }
  set name(value: string) {
    this.queueSet("name", value, () => {
      if (this.context.model.table(value))
        throw new StandInError("InvalidArgument", `A table named ${value} already exists.`);
      this.resolve().table.name = value;
    });
  }
  set style(value: string) {
    this.queueSet("style", value, () => void (this.resolve().table.style = value));
  }
  get isNullObject(): boolean {
    return this.loadedValue("isNullObject");
  }
  /** Table Design → Total Row: the range's last row is the totals row. */
  get showTotals(): boolean {
    return this.loadedValue("showTotals");
  }
  private rangeOf(part: "all" | "header" | "body"): RangeProxy {
    return new RangeProxy(this.context, () => {
      const { sheet, table } = this.resolve();
      const headerRows = part === "body" ? 1 : 0;
      const totals = table.totalsRow ? 1 : 0;
      const rows =
        part === "header"
          ? 1
          : part === "body"
            ? Math.max(table.rowCount - 1 - totals, 1)
            : table.rowCount;
      return {
        sheet,
        area: { row: table.top + headerRows, column: table.left, rows, columns: table.columnCount },
      };
    });
  }
  getRange(): RangeProxy {
    return this.rangeOf("all");
  }
  getHeaderRowRange(): RangeProxy {
    return this.rangeOf("header");
  }
  getDataBodyRange(): RangeProxy {
    return this.rangeOf("body");
  }
  resize(address: string): void {
    this.context.enqueue({ address }, () => {
      const { table } = this.resolve();
      const area = parseAddress(address);
      if (area.row !== table.top)
        throw new StandInError("InvalidArgument", "The table's header row must stay where it is.");
      table.left = area.column;
      table.rowCount = area.rows;
      table.columnCount = area.columns;
    });
  }
}

/** The one cell a note or comment goes on: a Range proxy or an address ("D1" on a sheet's collection, "'Net Assets'!D1" anywhere). */
function singleCell(
  context: StandInContext,
  cell: RangeProxy | string,
  sheet?: () => StandInSheet
): { sheet: StandInSheet; key: string } {
  let target: RangeTarget;
  if (typeof cell !== "string") target = cell.resolve();
  else {
    const area = parseAddress(cell);
    const found = area.sheet !== undefined ? context.model.sheet(area.sheet) : sheet?.();
    if (!found) throw new StandInError("InvalidArgument", `The cell address ${cell} has no sheet.`);
    target = { sheet: found, area };
  }
  if (target.area.rows !== 1 || target.area.columns !== 1)
    throw new StandInError("InvalidArgument", "The range must be a single cell.");
  return { sheet: target.sheet, key: `${target.area.row},${target.area.column}` };
}

/** A worksheet's notes (ExcelApi 1.18): add, getItem / getItemOrNullObject by cell address, content, delete. */
class NoteCollectionProxy extends ClientObject {
  constructor(
    context: StandInContext,
    private readonly sheet: () => StandInSheet
  ) {
    super(context);
  }
  protected read(): unknown {
    return undefined;
  }
  add(cell: RangeProxy | string, content: string): NoteProxy {
    this.context.enqueue({ content }, () => {
      const { sheet, key } = singleCell(this.context, cell, this.sheet);
      if (sheet.notes.has(key) || sheet.comments.has(key))
        throw new StandInError("InvalidArgument", "The cell already has a note or a comment.");
      sheet.notes.set(key, String(content));
    });
    return new NoteProxy(this.context, () => singleCell(this.context, cell, this.sheet), false);
  }
  getItem(key: string): NoteProxy {
    return new NoteProxy(this.context, () => singleCell(this.context, key, this.sheet), false);
  }
  getItemOrNullObject(key: string): NoteProxy {
    return new NoteProxy(this.context, () => singleCell(this.context, key, this.sheet), true);
  }
}

class NoteProxy extends ClientObject {
  constructor(
    context: StandInContext,
    private readonly where: () => { sheet: StandInSheet; key: string },
    nullable: boolean
  ) {
    super(context);
    if (nullable) this.resolveNullnessAtSync();
  }
  private present(): { sheet: StandInSheet; key: string } {
    const at = this.where();
    if (!at.sheet.notes.has(at.key))
      throw new StandInError("ItemNotFound", "The requested resource doesn't exist (note).");
    return at;
  }
  protected read(property: string): unknown {
    if (property === "isNullObject") {
      const at = this.where();
      return !at.sheet.notes.has(at.key);
    }
    const { sheet, key } = this.present();
    if (property === "content") return sheet.notes.get(key);
    throw new StandInError("InvalidArgument", `The stand-in does not load Note.${property}.`);
  }
  get isNullObject(): boolean {
    return this.loadedValue("isNullObject");
  }
  get content(): string {
    return this.loadedValue("content");
  }
  set content(value: string) {
    this.queueSet("content", value, () => {
      const { sheet, key } = this.present();
      sheet.notes.set(key, String(value));
    });
  }
  delete(): void {
    this.context.enqueue(undefined, () => {
      const { sheet, key } = this.present();
      sheet.notes.delete(key);
    });
  }
}

/** The workbook's threaded comments (ExcelApi 1.10), only as far as add, getItemByCell and delete. */
class CommentCollectionProxy extends ClientObject {
  protected read(): unknown {
    return undefined;
  }
  add(cell: RangeProxy | string, content: string): void {
    this.context.enqueue({ content }, () => {
      const { sheet, key } = singleCell(this.context, cell);
      if (sheet.notes.has(key) || sheet.comments.has(key))
        throw new StandInError("InvalidArgument", "The cell already has a note or a comment.");
      sheet.comments.set(key, String(content));
    });
  }
  /** The comment on a cell; using it fails at sync (ItemNotFound) when there is none. */
  getItemByCell(cell: RangeProxy | string): { delete: () => void } {
    return {
      delete: () =>
        this.context.enqueue(undefined, () => {
          const { sheet, key } = singleCell(this.context, cell);
          if (!sheet.comments.delete(key))
            throw new StandInError(
              "ItemNotFound",
              "The requested resource doesn't exist (comment)."
            );
        }),
    };
  }
}

class ChartCollectionProxy extends ClientObject {
  private snapshot: { name: string; delete: () => void }[] | null = null;
  constructor(
    context: StandInContext,
    private readonly sheet: () => StandInSheet
  ) {
    super(context);
  }
  protected read(property: string): unknown {
    if (property.startsWith("items") || property === "name") {
      const sheet = this.sheet();
      this.snapshot = sheet.charts.map((chart) => ({
        name: chart.name,
        delete: () =>
          this.context.enqueue(undefined, () => {
            const index = sheet.charts.indexOf(chart);
            if (index >= 0) sheet.charts.splice(index, 1);
          }),
      }));
    }
    return undefined;
  }
  get items(): { name: string; delete: () => void }[] {
    if (!this.snapshot) throw notLoaded("items");
    return this.snapshot;
  }
  add(type: string, source: RangeProxy, seriesBy = "Auto"): unknown {
    const record: {
      name: string;
      type: string;
      source: string;
      seriesBy: string;
      title?: string;
      categories?: string;
      position?: [string, string | undefined];
      legendVisible?: boolean;
    } = { name: "", type, source: "", seriesBy };
    this.context.enqueue({ type, seriesBy }, () => {
      const sheet = this.sheet();
      const { area } = source.resolve();
      record.source = formatAddress(area);
      record.name = `Chart ${sheet.charts.length + 1}`;
      sheet.charts.push(record as never);
    });
    const context = this.context;
    return {
      title: {
        set text(value: string) {
          context.enqueue({ text: value }, () => void (record.title = value));
        },
      },
      set name(value: string) {
        context.enqueue({ name: value }, () => void (record.name = value));
      },
      legend: {
        set visible(value: boolean) {
          context.enqueue({ visible: value }, () => void (record.legendVisible = value));
        },
        set position(_: string) {},
      },
      series: {
        getItemAt: (index: number) => ({
          setXAxisValues: (range: RangeProxy) =>
            context.enqueue({ index }, () => {
              if (index !== 0) throw new StandInError("ItemNotFound", `No series ${index}.`);
              record.categories = formatAddress(range.resolve().area);
            }),
          set name(_: string) {},
        }),
      },
      setPosition: (start: string, end?: string) =>
        context.enqueue({ start, end }, () => void (record.position = [start, end])),
      set height(_: number) {},
      set width(_: number) {},
    };
  }
}

class PageLayoutProxy extends ClientObject {
  constructor(
    context: StandInContext,
    private readonly sheet: () => StandInSheet
  ) {
    super(context);
  }
  protected read(): unknown {
    return undefined;
  }
  private setter(name: string, value: unknown): void {
    this.queueSet(name, value, () => void (this.sheet().pageLayout[name] = value));
  }
  set orientation(value: string) {
    this.setter("orientation", value);
  }
  set centerHorizontally(value: boolean) {
    this.setter("centerHorizontally", value);
  }
  set printGridlines(value: boolean) {
    this.setter("printGridlines", value);
  }
  set zoom(value: unknown) {
    this.setter("zoom", value);
  }
  set leftMargin(value: number) {
    this.setter("leftMargin", value);
  }
  set rightMargin(value: number) {
    this.setter("rightMargin", value);
  }
  set topMargin(value: number) {
    this.setter("topMargin", value);
  }
  set bottomMargin(value: number) {
    this.setter("bottomMargin", value);
  }
  setPrintArea(address: string): void {
    this.setter("printArea", address);
  }
  setPrintTitleRows(address: string): void {
    this.setter("printTitleRows", address);
  }
  set paperSize(value: string) {
    this.setter("paperSize", value);
  }
  set headerMargin(value: number) {
    this.setter("headerMargin", value);
  }
  set footerMargin(value: number) {
    this.setter("footerMargin", value);
  }
  readonly headersFooters = (() => {
    const defaultForAllPages: Record<string, string> = {};
    for (const part of [
      "leftHeader",
      "centerHeader",
      "rightHeader",
      "leftFooter",
      "centerFooter",
      "rightFooter",
    ]) {
      Object.defineProperty(defaultForAllPages, part, {
        set: (value: string) => this.setter(part, value),
        enumerable: true,
      });
    }
    return { defaultForAllPages };
  })();
}

export interface ExcelStandIn {
  workbook: StandInWorkbook;
  stats: StandInStats;
  /** `Excel.run` over the stand-in. */
  run: <T>(batch: (context: StandInContext) => Promise<T>) => Promise<T>;
  resetStats(): void;
}

/** A fresh stand-in over `workbook` (empty by default). */
export function createExcelStandIn(workbook = new StandInWorkbook()): ExcelStandIn {
  const stats: StandInStats = {
    syncs: 0,
    requestBytes: [],
    largestRequestBytes: 0,
    suspendedSyncs: 0,
  };
  return {
    workbook,
    stats,
    run: async (batch) => {
      const context = new StandInContext(workbook, stats);
      const result = await batch(context);
      if (context.hasPending) await context.sync();
      return result;
    },
    resetStats() {
      stats.syncs = 0;
      stats.requestBytes.length = 0;
      stats.largestRequestBytes = 0;
      stats.suspendedSyncs = 0;
    },
  };
}
