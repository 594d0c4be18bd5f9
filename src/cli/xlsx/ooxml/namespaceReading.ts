/**
 * A reading of an XML part in saxes's namespace mode, which applies every
 * rule of Namespaces in XML in its own words — what decides whenever the
 * fast reading (`fastReading.ts`) meets a part that is not its simple case.
 */
import { SaxesParser } from "saxes";
import { mainAsNS } from "./namespaceUris";
import { declaresDtd, guard, MAX_DEPTH, notWellFormed, tooDeep } from "./xmlRefusals";
import type { StreamHandlers } from "./xmlStream";

/** One reading of a part: fed its text in order, it calls the handlers. */
export interface Reading {
  feed(chunk: string): void;
  end(): void;
  /** How many events (opened, closed, text) the handlers have been given, or passed over. */
  delivered(): number;
}

/**
 * Thrown inside a reading that cannot decide the part: it is read again from
 * its start in namespace mode, which alone decides.
 */
export class NamespaceModeNeeded extends Error {}

/**
 * Where a namespace-mode reading takes over the rest of a part from the fast
 * reading: the prefixes the root bound ("" for its default namespace) and
 * the XML version's rules (any version but 1.0 is read by 1.1's).
 */
export interface HandedOver {
  bindings: Record<string, string>;
  version: "1.0" | "1.1";
}

/**
 * The reading in saxes's namespace mode: the first `skip` events are not
 * given to the handlers (the fast reading already gave them, the same). A
 * reading `handedOver` the rest of a part (its text begun with the open
 * elements' start tags, so its lines and columns are not the part's) throws
 * `NamespaceModeNeeded` for any refusal, to have the part read again from
 * its start so the refusal is said at its place.
 *
 * saxes adds each handler to its parser as a property when it is set (a
 * keyed store): past six of them a namespace-mode parser becomes a V8
 * dictionary and reads about three times slower — so six, no more.
 */
export function namespaceReading(
  part: string,
  handlers: StreamHandlers,
  skip: number,
  handedOver: HandedOver | null = null
): Reading {
  const parser = new SaxesParser<{ xmlns: true; position: true }>({
    xmlns: true,
    position: true,
    ...(handedOver && {
      additionalNamespaces: handedOver.bindings,
      defaultXMLVersion: handedOver.version,
    }),
  });
  const resolve = (prefix: string) => parser.resolve(prefix);
  const { open, close, text } = handlers;
  let depth = 0;
  let delivered = 0;
  const due = () => {
    delivered += 1;
    return delivered > skip;
  };
  parser.on("error", (error: Error) => {
    if (handedOver) throw new NamespaceModeNeeded();
    throw notWellFormed(part, error);
  });
  parser.on("doctype", () => {
    throw declaresDtd(part);
  });
  parser.on("opentag", (tag) => {
    depth += 1;
    if (depth > MAX_DEPTH)
      throw handedOver ? new NamespaceModeNeeded() : tooDeep(part, parser.line);
    if (!due() || !open) return;
    const attributes = Object.create(null) as Record<string, string>;
    for (const name in tag.attributes) attributes[name] = tag.attributes[name]!.value;
    open(mainAsNS(tag.uri), tag.local, attributes, tag.name, resolve);
  });
  parser.on("closetag", (tag) => {
    depth -= 1;
    if (due() && close) close(mainAsNS(tag.uri), tag.local, tag.isSelfClosing);
  });
  const onText = (value: string) => {
    if (due() && text) text(value);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  const { feed, end } = guard(parser, part);
  return { feed, end, delivered: () => delivered };
}
