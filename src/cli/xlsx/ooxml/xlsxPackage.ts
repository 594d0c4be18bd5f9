/**
 * An .xlsx package as a set of parts the runner can edit in place: read a
 * part as text, replace it, add or drop parts, and keep the package's two
 * indexes — relationships and content types — in step. Parts never touched
 * come out as they were read, copied still compressed (see `writeZip.ts`).
 *
 * Every XML part is read through the conformant parser: `text(part)` is the
 * part in canonical form (`xmlParse.ts`), which the editors rely on, and
 * `xmlStream(part)` feeds a streaming reader as the part is inflated, without
 * building the canonical text (the NAV sheet, when it is only read).
 */
import path from "node:path/posix";
import { StringDecoder } from "node:string_decoder";
import { megabytes, UnreadablePackage } from "./packageError";
import { writeZip } from "./writeZip";
import {
  type DeflatedPiece,
  entryData,
  entryPieces,
  readZip,
  ZIP_LIMITS,
  type ZipEntry,
} from "./zip";
import { attribute, ensureDeclared, escapeXml, insertBefore, unescapeXml } from "./xml";
import { alreadyCanonical, canonicalXml, NS } from "./xmlParse";

export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL_TYPES = {
  worksheet: `${REL_NS}/worksheet`,
  drawing: `${REL_NS}/drawing`,
  chart: `${REL_NS}/chart`,
  comments: `${REL_NS}/comments`,
  vmlDrawing: `${REL_NS}/vmlDrawing`,
  calcChain: `${REL_NS}/calcChain`,
} as const;
export const CONTENT_TYPES = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
} as const;

export interface Relationship {
  id: string;
  type: string;
  /** Package path of the target ("xl/worksheets/sheet2.xml"); the raw Target for external links. */
  target: string;
  external: boolean;
}

export interface SheetEntry {
  name: string;
  sheetId: number;
  relationshipId: string;
  /** Package path of the sheet part. */
  part: string;
  /** Position among the workbook's sheets (the `localSheetId` of names scoped to it). */
  index: number;
}

const EMPTY_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;

/** `relsPartOf("xl/worksheets/sheet1.xml")` → `"xl/worksheets/_rels/sheet1.xml.rels"`. */
export function relsPartOf(part: string): string {
  return path.join(path.dirname(part), "_rels", `${path.basename(part)}.rels`);
}

export class XlsxPackage {
  private readonly entries: Map<string, ZipEntry>;
  /**
   * Parts already read as text. The NAV sheet is read by the table reader, the
   * accrual placement check, the cell writer and the note writer in one run:
   * inflating and decoding 60 MB of XML each time was the same work four times.
   */
  private readonly texts = new Map<string, string>();
  private readonly rootUris = new Map<string, string>();
  /** Parts a streaming reader has parsed whole without error (see `markWellFormed`). */
  private readonly wellFormed = new Set<string>();
  /** Worksheet parts an editor wrote from their canonical text (`setCanonicalBytes`), or proved canonical (`markCanonical`). */
  private readonly canonical = new Set<string>();
  /** Parts under this many bytes keep the bytes `xmlStream` inflated, for `keptBytes` and `text` (see `keepStreamedBytes`). */
  private keepBelow = 0;
  /**
   * The bytes of parts `xmlStream` inflated whole, as inflated (in pieces), not yet decoded by
   * `text`. Bytes, not the decoded text: 15 MB of strings kept through the plan's reading were
   * copied twice by the collector, then joined into a 15 MB string (bench/RESULTS.md (4o)).
   */
  private readonly streamed = new Map<string, Buffer[]>();

  private constructor(entries: ZipEntry[]) {
    this.entries = new Map(entries.map((entry) => [entry.name, entry]));
  }

  /** `await XlsxPackage.read(bytes)`; throws `UnreadablePackage` with a sentence when `bytes` is not a sound package. */
  static async read(bytes: Buffer): Promise<XlsxPackage> {
    return new XlsxPackage(await readZip(bytes));
  }

  has(part: string): boolean {
    return this.entries.has(part);
  }

  parts(): string[] {
    return [...this.entries.keys()];
  }

  /** The size of the part's content in bytes (as the archive states it, for a part not yet read), or null when absent. */
  size(part: string): number | null {
    const entry = this.entries.get(part);
    if (!entry) return null;
    const unencoded = UNENCODED.get(entry);
    if (unencoded !== undefined) return Buffer.byteLength(unencoded, "utf8");
    if (entry.data) return entry.data.length;
    if (entry.pieces)
      return entry.pieces.reduce((n, p) => n + (Buffer.isBuffer(p) ? p.length : p.size), 0);
    return entry.raw!.size;
  }

  /** The part's content as stored (inflated, CRC-checked), or null when absent. */
  bytes(part: string): Buffer | null {
    const entry = this.entries.get(part);
    return entry ? entryData(entry) : null;
  }

  /**
   * From now on a part under `bytes` bytes that `xmlStream` reads to its end
   * keeps the bytes it inflated, for `keptBytes(part)` and `text(part)` to
   * take instead of inflating the part again: what `accrue` does with the NAV
   * sheet it has just read (15 MB of XML on a 91,300-row table). A larger part
   * is not kept: its editor streams it again (`sheetCellStream.ts`). Once the
   * reader knows which part it will edit, `keepStreamedBytesOf` lets the others go.
   *
   * `pkg.keepStreamedBytes(STREAM_FROM)`
   */
  keepStreamedBytes(bytes: number): void {
    this.keepBelow = bytes;
  }

  /** Stops keeping streamed bytes, and lets go of what was kept but for `part`'s. */
  keepStreamedBytesOf(part: string): void {
    this.keepBelow = 0;
    for (const kept of [...this.streamed.keys()]) if (kept !== part) this.streamed.delete(kept);
  }

  /**
   * The part's bytes as `xmlStream` inflated them and kept them (see
   * `keepStreamedBytes`), in pieces, byte-order mark and all; null when none
   * are kept (or the part has been read as text or replaced since). An editor
   * may read them, never change them.
   *
   * `pkg.keptBytes("xl/worksheets/sheet2.xml")` → `[<Buffer 3c 3f 78 …>, …]`
   */
  keptBytes(part: string): readonly Buffer[] | null {
    return this.texts.has(part) ? null : (this.streamed.get(part) ?? null);
  }

  /** The part as text — XML parts in canonical form — or null when the package has no such part. */
  text(part: string): string | null {
    const cached = this.texts.get(part);
    if (cached !== undefined) return cached;
    const entry = this.entries.get(part);
    if (!entry) return null;
    const kept = this.streamed.get(part);
    let text = decode(
      kept === undefined ? entryData(entry) : kept.length === 1 ? kept[0]! : Buffer.concat(kept),
      part
    );
    this.streamed.delete(part);
    // A part already parsed whole and already in canonical shape (Excel's own sheets) is taken as is.
    if (this.canonical.has(part)) this.rootUris.set(part, NS.main);
    else if (this.wellFormed.has(part) && alreadyCanonical(text)) this.rootUris.set(part, NS.main);
    else if (isXmlPart(part)) {
      const canonical = canonicalXml(text, part);
      text = canonical.xml;
      this.rootUris.set(part, canonical.rootUri);
    }
    this.texts.set(part, text);
    return text;
  }

  /**
   * The part's text as it is inflated, about 64 K characters at a time
   * (`entryPieces`): the stored bytes are never held whole (a whole-sheet NAV table with
   * its accrual columns is half a gigabyte). Null when absent.
   */
  xmlStream(part: string): AsyncIterable<string> | null {
    const cached = this.texts.get(part);
    if (cached !== undefined)
      return (async function* () {
        yield cached;
      })();
    const entry = this.entries.get(part);
    if (!entry) return null;
    const kept: Buffer[] | null = (this.size(part) ?? 0) < this.keepBelow ? [] : null;
    // What the text is read from: if the part is changed while it is read, the text is not its.
    const source = entry.raw ?? entry.data ?? entry.pieces;
    const unchanged = () =>
      this.entries.get(part) === entry &&
      (entry.raw ?? entry.data ?? entry.pieces) === source &&
      !this.texts.has(part);
    const streamed = this.streamed;
    return (async function* () {
      let decoder: StringDecoder | null = null;
      for await (const piece of entryPieces(entry)) {
        kept?.push(piece);
        if (decoder === null) {
          if (piece[0] === 0xfe && piece[1] === 0xff) throw bigEndian(part);
          // The byte-order mark is in the first piece (pieces are 64 KiB, or the whole part).
          decoder = new StringDecoder(encodingOf(piece));
          yield decoder.write(piece.subarray(bomLength(piece)));
        } else yield decoder.write(piece);
      }
      if (decoder) yield decoder.end();
      // Read to its end, its size and CRC-32 checked (`entryPieces`): the bytes are the part's.
      if (kept && unchanged()) streamed.set(part, kept);
    })();
  }

  /**
   * Unpacks every part not read yet and checks its size and CRC-32, holding
   * 64 KiB at a time: throws the `UnreadablePackage` of the first damaged
   * one. So a command that reads only the plan (`check`) refuses the same
   * files as one that copies every part into its output (`accrue`, `report`).
   *
   * `await pkg.verifyUnread()`
   */
  async verifyUnread(): Promise<void> {
    for (const entry of this.entries.values()) {
      // A part read whole, or streamed to its end, was checked as it was read.
      if (!entry.raw || entry.raw.checked || entry.data || entry.pieces) continue;
      for await (const piece of entryPieces(entry)) void piece;
    }
  }

  /** Records that `part`, as stored, was parsed whole by the conformant parser without error. */
  markWellFormed(part: string): void {
    this.wellFormed.add(part);
  }

  /**
   * Records that `part`, as stored and parsed whole without error, was then
   * proved in canonical form piece by piece (`sheetRows.ts`): what
   * `alreadyCanonical` would find, so neither `text` nor the next streaming
   * editor checks it again.
   */
  markCanonical(part: string): void {
    this.canonical.add(part);
  }

  /** Whether `part` as it stands is known to be in canonical form (`markCanonical`, `setCanonicalBytes`). */
  knownCanonical(part: string): boolean {
    return this.canonical.has(part);
  }

  /**
   * Whether `part` as it stands is well-formed XML: parsed whole by the
   * conformant parser (`markWellFormed`), or written by an editor from its
   * canonical text. An editor streaming the part relies on it.
   */
  knownWellFormed(part: string): boolean {
    return this.wellFormed.has(part) || this.canonical.has(part);
  }

  /** The namespace URI of the part's root element ("" for none); null when absent. */
  rootNamespace(part: string): string | null {
    if (this.text(part) === null) return null;
    return this.rootUris.get(part) ?? "";
  }

  setText(part: string, text: string): void {
    this.streamed.delete(part);
    this.texts.set(part, text);
    this.canonical.delete(part);
    // A new entry (in the old one's place in the archive's order): readers of the old one
    // (`xmlStream`) see the part has changed.
    this.entries.set(part, textEntry(part, text));
  }

  /**
   * Replaces a part with `text`, already in canonical form with root namespace
   * `rootUri`, as its writer vouches (see `renderScratch`): `text(part)` then
   * returns it without parsing it again.
   *
   * `pkg.setCanonicalText("xl/worksheets/sheet1.xml", canonical.xml, canonical.rootUri)`
   */
  setCanonicalText(part: string, text: string, rootUri: string): void {
    this.setText(part, text);
    this.rootUris.set(part, rootUri);
  }

  /**
   * Replaces a part with `pieces`, UTF-8 text already in canonical form
   * (made from `text(part)`, or from the part streamed, by an editor), kept
   * in its pieces and never as a string: the NAV sheet with its accrual
   * columns is 33 MB, 515 MB on a whole sheet (its rows held deflated, see
   * `PartSink`). The zip writer streams the pieces; `text(part)` decodes
   * them again if asked.
   *
   * `pkg.setCanonicalBytes("xl/worksheets/sheet2.xml", [head, ...rows, tail])`
   */
  setCanonicalBytes(part: string, pieces: (Buffer | DeflatedPiece)[]): void {
    this.streamed.delete(part);
    this.texts.delete(part);
    this.canonical.add(part);
    this.entries.set(part, { name: part, pieces });
  }

  remove(part: string): void {
    this.streamed.delete(part);
    this.entries.delete(part);
    this.texts.delete(part);
    this.canonical.delete(part);
  }

  /** The package as .xlsx bytes, every entry dated `date`; [Content_Types].xml first, as Office writes it. */
  async toBytes(date: Date, level?: number, limits = ZIP_LIMITS): Promise<Buffer> {
    const ordered = [...this.entries.values()].sort(
      (a, b) => Number(b.name === "[Content_Types].xml") - Number(a.name === "[Content_Types].xml")
    );
    this.refuseUnreadable(limits);
    return writeZip(ordered, date, level);
  }

  /**
   * Throws, before a byte is written, when a part or the whole package would
   * be larger than what `read` accepts: the next run could not open what this
   * one wrote (a whole sheet of NAV rows with long columns and the accrual
   * columns beside them).
   */
  private refuseUnreadable(limits: { entryBytes: number; totalBytes: number }): void {
    let total = 0;
    for (const part of this.entries.keys()) {
      const size = this.size(part)!;
      total += size;
      if (size > limits.entryBytes || total > limits.totalBytes)
        throw new UnreadablePackage(
          `Written, the part ${part} would hold ${megabytes(size)} (the workbook at least ${megabytes(total)}), over the ${megabytes(limits.entryBytes)} a part and ${megabytes(limits.totalBytes)} a workbook that rule12b1 reads, so no run could open it again; nothing was written. Move the oldest NAV rows to an archive workbook and run again.`
        );
    }
  }

  /** The relationships of `part` (from its .rels part), targets resolved to package paths. */
  relationships(part: string): Relationship[] {
    const rels = this.text(relsPartOf(part));
    if (!rels) return [];
    return [...rels.matchAll(/<Relationship\b[^>]*>/g)].map(([tag]) => {
      const target = unescapeXml(attribute(tag, "Target") ?? "");
      const external = attribute(tag, "TargetMode") === "External";
      return {
        id: attribute(tag, "Id") ?? "",
        type: attribute(tag, "Type") ?? "",
        external,
        target: external
          ? target
          : target.startsWith("/")
            ? target.slice(1)
            : path.normalize(path.join(path.dirname(part), target)),
      };
    });
  }

  /** Adds a relationship from `part` to the package path `target`; returns its new id. */
  addRelationship(part: string, type: string, target: string): string {
    const relsPart = relsPartOf(part);
    const rels = this.text(relsPart) ?? EMPTY_RELS;
    const taken = new Set(this.relationships(part).map((r) => r.id));
    let n = taken.size + 1;
    while (taken.has(`rId${n}`)) n += 1;
    const id = `rId${n}`;
    const relative = path.relative(path.dirname(part), target);
    this.setText(
      relsPart,
      rels.replace(
        "</Relationships>",
        `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(relative)}"/></Relationships>`
      )
    );
    return id;
  }

  removeRelationship(part: string, id: string): void {
    const relsPart = relsPartOf(part);
    const rels = this.text(relsPart);
    if (!rels) return;
    this.setText(
      relsPart,
      rels.replace(/<Relationship\b[^>]*>/g, (tag) => (attribute(tag, "Id") === id ? "" : tag))
    );
  }

  /** Declares the content type of `part` ([Content_Types].xml Override), replacing any earlier one. */
  setContentType(part: string, contentType: string): void {
    this.removeContentType(part);
    const types = this.text("[Content_Types].xml")!;
    this.setText(
      "[Content_Types].xml",
      types.replace(
        "</Types>",
        `<Override PartName="/${escapeXml(part)}" ContentType="${contentType}"/></Types>`
      )
    );
  }

  removeContentType(part: string): void {
    const types = this.text("[Content_Types].xml")!;
    this.setText(
      "[Content_Types].xml",
      types.replace(/<Override\b[^>]*>/g, (tag) =>
        unescapeXml(attribute(tag, "PartName") ?? "") === `/${part}` ? "" : tag
      )
    );
  }

  /** Declares the default content type of files ending in `.extension` unless one is declared. */
  ensureDefaultContentType(extension: string, contentType: string): void {
    const types = this.text("[Content_Types].xml")!;
    const declared = [...types.matchAll(/<Default\b[^>]*>/g)].some(
      ([tag]) => attribute(tag, "Extension")?.toLowerCase() === extension.toLowerCase()
    );
    if (!declared)
      this.setText(
        "[Content_Types].xml",
        types.replace(
          /(<Types\b[^>]*>)/,
          `$1<Default Extension="${extension}" ContentType="${contentType}"/>`
        )
      );
  }

  /** The package path of the workbook part (normally "xl/workbook.xml"). */
  workbookPart(): string {
    const office = this.relationships("").find((r) => r.type.endsWith("/officeDocument"));
    return office?.target ?? "xl/workbook.xml";
  }

  /** The workbook's sheets in tab order. */
  sheets(): SheetEntry[] {
    const workbook = this.workbookPart();
    const targets = new Map(this.relationships(workbook).map((r) => [r.id, r.target]));
    const xml = this.text(workbook) ?? "";
    return [...xml.matchAll(/<sheet\b[^>]*>/g)].map(([tag], index) => {
      const relationshipId = attribute(tag, "r:id") ?? "";
      return {
        name: unescapeXml(attribute(tag, "name") ?? ""),
        sheetId: Number(attribute(tag, "sheetId")),
        relationshipId,
        part: targets.get(relationshipId) ?? "",
        index,
      };
    });
  }

  /**
   * First free `prefix{n}suffix` part name, e.g. `freePart("xl/worksheets/sheet", ".xml")` →
   * "xl/worksheets/sheet4.xml". Free in any case: part names compare without case (OPC), so
   * beside `xl/worksheets/Sheet3.xml` the next sheet is not `sheet3.xml` (issue 22).
   */
  freePart(prefix: string, suffix: string): string {
    const taken = new Set([...this.entries.keys()].map((name) => name.toLowerCase()));
    let n = 1;
    while (taken.has(`${prefix}${n}${suffix}`.toLowerCase())) n += 1;
    return `${prefix}${n}${suffix}`;
  }

  /**
   * Relates the worksheet `sheetPart` to `target` and puts `<element r:id="…"/>`
   * among its top-level children before the first of `followers` (the schema's
   * order), declaring the `r:` prefix if the sheet lacks it.
   *
   * `pkg.addWorksheetReference(sheet, REL_TYPES.drawing, "xl/drawings/drawing2.xml", "drawing", [...])`
   */
  addWorksheetReference(
    sheetPart: string,
    type: string,
    target: string,
    element: string,
    followers: readonly string[]
  ): void {
    const id = this.addRelationship(sheetPart, type, target);
    let sheet = this.text(sheetPart)!;
    sheet = ensureDeclared(sheet, "r", NS.relationships);
    this.setText(
      sheetPart,
      insertBefore(sheet, followers, "worksheet", `<${element} r:id="${id}"/>`)
    );
  }
}

/** Text set by `setText` and not yet made into bytes, by its entry (for `size`). */
const UNENCODED = new WeakMap<ZipEntry, string>();

/**
 * An entry holding `text`, made into UTF-8 bytes only when they are first
 * read: a part edited several times over (the report sheet, 2.8 MB on the
 * bench trust, is set by the graft, the charts and the tab selection) is
 * encoded once, not each time.
 */
function textEntry(name: string, text: string): ZipEntry {
  let data: Buffer | undefined;
  const entry: ZipEntry = {
    name,
    get data(): Buffer {
      if (data === undefined) {
        data = Buffer.from(text, "utf8");
        UNENCODED.delete(entry);
      }
      return data;
    },
  };
  UNENCODED.set(entry, text);
  return entry;
}

/** Parts read as XML: by extension, as the package's content types name them in practice. */
function isXmlPart(part: string): boolean {
  return /\.(xml|rels|vml)$/i.test(part);
}

/** The encoding of a part's bytes: XML parts are UTF-8 unless a byte-order mark says UTF-16. */
function encodingOf(data: Buffer): "utf8" | "utf16le" {
  if (data[0] === 0xff && data[1] === 0xfe) return "utf16le";
  return "utf8";
}

/** Bytes of the byte-order mark at the start of `data`, if any. */
function bomLength(data: Buffer): number {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return 3;
  return encodingOf(data) === "utf16le" ? 2 : 0;
}

/** The refusal of a part in big-endian UTF-16 (Excel never writes one; Node cannot decode it). */
function bigEndian(part: string): UnreadablePackage {
  return new UnreadablePackage(
    `The part ${part} of the workbook is in big-endian UTF-16, which rule12b1 does not read. Save the workbook again from Excel.`
  );
}

function decode(data: Buffer, part: string): string {
  if (data[0] === 0xfe && data[1] === 0xff) throw bigEndian(part);
  try {
    return data.toString(encodingOf(data), bomLength(data));
  } catch (error) {
    // Past V8's longest string (about 512 M characters) a part cannot be edited as text.
    if ((error as NodeJS.ErrnoException).code === "ERR_STRING_TOO_LONG")
      throw new UnreadablePackage(
        `The part ${part} of the workbook holds ${(data.length / 1_048_576).toFixed(0)} MB of XML, more than rule12b1 can edit as one text (about 512 MB). Move the oldest NAV rows to an archive workbook and run again.`
      );
    throw error;
  }
}
