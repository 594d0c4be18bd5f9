/**
 * XML on a conformant parser (saxes): every part rule12b1 reads goes through
 * `streamXml`, so XML that is not well-formed — a missing `</row>`, 160,000
 * unclosed `<si>` — is refused in one linear pass with a sentence naming the
 * part, and names are resolved by namespace URI, never by the prefix a
 * writer happened to choose. A large part (the NAV sheet) is fed in chunks,
 * never one string.
 *
 * Namespaces are saxes's (its namespace mode): the rules of Namespaces in
 * XML are a standard, and a conformant parser applies them — unbound
 * prefixes, duplicate expanded names and the reserved bindings are refused in
 * its words. A part is first read in saxes's plain mode with the namespaces
 * its root declares (`fastReading.ts`), which is how SpreadsheetML's sheets
 * are written and costs about three quarters of namespace mode's time; where
 * the part stops being that simple case, namespace mode decides
 * (`namespaceReading.ts`): it takes the rest of the part at a declaration
 * below the root, and reads the part again from its start for anything else
 * (a processing instruction, a prefix nobody binds, any refusal). Nothing
 * here applies a namespace rule of its own. (A version that tracked
 * declarations itself, 28c6579, was a hand-written namespace processor and
 * was not kept.)
 */
import { fastReading } from "./fastReading";
import { NamespaceModeNeeded, namespaceReading } from "./namespaceReading";
import { NS } from "./namespaceUris";

export { NS };

/** An attribute with its name resolved, as saxes's namespace mode reports it. */
export interface ResolvedAttribute {
  uri: string;
  prefix: string;
  local: string;
  value: string;
}

export interface StreamHandlers {
  /**
   * An element opens. `uri` is its namespace, SpreadsheetML's main one as the
   * `NS.main` string itself (comparing to it costs one pointer comparison).
   * `attributes` are its attributes' values keyed by their names as written:
   * an unprefixed attribute (`r`, `t`) is in no namespace (Namespaces in XML
   * §6.3), so looking one up by its plain name is looking it up by expanded
   * name; `attributesOf` gives every attribute with its URI. `name` is the
   * element's name as written; `resolve` gives the URI a prefix stands for
   * here ("" for the default namespace), for prefixes inside attribute values
   * (mc:Ignorable). The object is the parser's: read it during the call, do
   * not keep it.
   */
  open?: (
    uri: string,
    local: string,
    attributes: Readonly<Record<string, string>>,
    name: string,
    resolve: (prefix: string) => string | undefined
  ) => void;
  /** An element closes; `selfClosing` when it was written `<a/>`. */
  close?: (uri: string, local: string, selfClosing: boolean) => void;
  text?: (text: string) => void;
}

/**
 * The attributes of an element as `StreamHandlers.open` gave them (with the
 * `resolve` it gave), as a list: unprefixed ones in no namespace, `xmlns`
 * declarations in the xmlns namespace, prefixed ones in their prefix's.
 *
 * `attributesOf({ "r:id": "rId1" }, resolve)` → `[{ uri: "…/relationships", prefix: "r", local: "id", value: "rId1" }]`
 */
export function attributesOf(
  attributes: Readonly<Record<string, string>>,
  resolve: (prefix: string) => string | undefined
): ResolvedAttribute[] {
  return Object.keys(attributes).map((name) => {
    const colon = name.indexOf(":");
    const prefix = colon < 0 ? "" : name.slice(0, colon);
    const local = colon < 0 ? name : name.slice(colon + 1);
    const uri = name === "xmlns" ? NS.xmlns : prefix === "" ? "" : (resolve(prefix) ?? "");
    return { uri, prefix, local, value: attributes[name]! };
  });
}

/**
 * Parses `source` (the whole text, or a function giving its chunks afresh
 * each time it is called) calling `handlers` in document order with each
 * element's namespace URI and local name; throws `UnreadablePackage` naming
 * `part` when the XML or its namespaces are not well-formed, or it carries a
 * DTD.
 *
 * The handlers see one reading, namespace mode's: the fast reading's events
 * while the part is its simple case, then those of the namespace-mode
 * reading it handed the rest to; or, when the part must be read again from
 * its start in namespace mode, that reading's from the point the first one
 * reached. So `source` may be called twice.
 *
 * `streamXml('<a xmlns="urn:x"><b/></a>', "x.xml", { open: (uri, local) => seen.push(`${uri} ${local}`) })`
 * → seen `["urn:x a", "urn:x b"]`
 */
export function streamXml(
  source: string | (() => Iterable<string>),
  part: string,
  handlers: StreamHandlers
): void {
  const chunks = typeof source === "string" ? () => [source] : source;
  const fast = fastReading(part, handlers);
  try {
    for (const chunk of chunks()) fast.feed(chunk);
    fast.end();
    return;
  } catch (error) {
    if (!(error instanceof NamespaceModeNeeded)) throw error;
  }
  const full = namespaceReading(part, handlers, fast.delivered());
  for (const chunk of chunks()) full.feed(chunk);
  full.end();
}

/**
 * `streamXml` fed as the chunks arrive — from a part being inflated, so a
 * 500 MB sheet is never held whole. `source` is called again (the part
 * inflated again) when the part needs namespace mode after all.
 *
 * `await streamXmlAsync(() => pkg.xmlStream(part)!, part, handlers)`
 */
export async function streamXmlAsync(
  source: () => AsyncIterable<string>,
  part: string,
  handlers: StreamHandlers
): Promise<void> {
  const fast = fastReading(part, handlers);
  try {
    for await (const chunk of source()) fast.feed(chunk);
    fast.end();
    return;
  } catch (error) {
    if (!(error instanceof NamespaceModeNeeded)) throw error;
  }
  const full = namespaceReading(part, handlers, fast.delivered());
  for await (const chunk of source()) full.feed(chunk);
  full.end();
}
