/**
 * The structural rules of manifest.xml that no offline schema checks for us
 * (OFFICE-NOTES: the XSDs are not on npm): each rule returns sentences
 * naming what is wrong, so a test can feed it a deliberately broken copy and
 * see that rule, and only that rule, speak.
 *
 * Rules from Microsoft's manifest reference: a resid is at most 32
 * characters and resolves in <Resources>; a ShortString is at most 125
 * characters, a LongString 250, a URL 2048 and https; child elements come
 * in schema order; a control id is unique. Ours on top: every resource is
 * used, every ribbon FunctionName and shortcut action is a registered
 * command (src/commands/ribbonCommands.ts) present in the shared runtime's
 * bundle, and every icon is a PNG of the size it claims.
 */
import { existsSync, readFileSync } from "node:fs";
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";
import { RIBBON_COMMANDS } from "../../src/commands/ribbonCommands";
import { allElements, children, NS } from "./manifestXml";

const DEV_ORIGIN = "https://localhost:3000/";

/** Schema order of the children we use, by parent element (names not listed must not appear). */
export const ELEMENT_ORDER: Readonly<Record<string, readonly string[]>> = {
  OfficeApp: [
    "Id",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "AppDomains",
    "Hosts",
    "Requirements",
    "DefaultSettings",
    "Permissions",
    "VersionOverrides",
    "ExtendedOverrides",
  ],
  VersionOverrides: ["Description", "Requirements", "Hosts", "Resources"],
  Host: ["Runtimes", "AllFormFactors", "DesktopFormFactor"],
  DesktopFormFactor: ["GetStarted", "FunctionFile", "ExtensionPoint"],
  Group: ["Label", "Icon", "Control"],
  Control: ["Label", "Supertip", "Icon", "Action"],
  Supertip: ["Title", "Description"],
  Resources: ["Images", "Urls", "ShortStrings", "LongStrings"],
};

/** Longest DefaultValue of each kind of resource. */
const MAX_LENGTH: Readonly<Record<string, number>> = {
  Images: 2048,
  Urls: 2048,
  ShortStrings: 125,
  LongStrings: 250,
};

export function parseManifestText(xml: string): Document {
  const errors: string[] = [];
  const document = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") errors.push(message);
    },
  }).parseFromString(xml, "text/xml");
  if (errors.length > 0) throw new Error(`not well-formed XML: ${errors.join("; ")}`);
  return document;
}

const resid = (element: Element) => element.getAttribute("resid") ?? "";
const named = (document: Document, name: string) =>
  allElements(document).filter((e) => e.localName === name);

function resources(document: Document): Map<string, { kind: string; value: string }> {
  const defined = new Map<string, { kind: string; value: string }>();
  for (const group of named(document, "Resources").flatMap(children))
    for (const entry of children(group))
      defined.set(entry.getAttribute("id") ?? "", {
        kind: group.localName ?? "",
        value: entry.getAttribute("DefaultValue") ?? "",
      });
  return defined;
}

/** Every used resid resolves, every defined one is used, each is at most 32 characters. */
export function residProblems(document: Document): string[] {
  const defined = resources(document);
  const used = new Set(allElements(document).map(resid).filter(Boolean));
  return [
    ...[...used]
      .filter((r) => !defined.has(r))
      .map((r) => `resid ${r} is not defined in <Resources>`),
    ...[...defined.keys()].filter((r) => !used.has(r)).map((r) => `resource ${r} is never used`),
    ...[...used, ...defined.keys()]
      .filter((r, i, all) => r.length > 32 && all.indexOf(r) === i)
      .map((r) => `resid ${r} is longer than 32 characters`),
  ];
}

/** Resource values within their kind's length; URLs https; control ids unique and at most 125 characters. */
export function lengthAndUrlProblems(document: Document): string[] {
  const problems: string[] = [];
  for (const [id, { kind, value }] of resources(document)) {
    const max = MAX_LENGTH[kind];
    if (max !== undefined && value.length > max)
      problems.push(`${id} is ${value.length} characters, more than ${max} for ${kind}`);
    if ((kind === "Images" || kind === "Urls") && !value.startsWith("https://"))
      problems.push(`${id} is not an https URL: ${value}`);
  }
  for (const element of named(document, "ExtendedOverrides")) {
    const url = element.getAttribute("Url") ?? "";
    if (!url.startsWith("https://") || url.length > 2048)
      problems.push(`ExtendedOverrides Url is not an https URL of at most 2048 characters: ${url}`);
  }
  const ids = named(document, "Control").map((c) => c.getAttribute("id") ?? "");
  ids
    .filter((id, i) => ids.indexOf(id) !== i)
    .forEach((id) => problems.push(`control id ${id} is used twice`));
  ids
    .filter((id) => id.length > 125)
    .forEach((id) => problems.push(`control id ${id} is too long`));
  return problems;
}

/** Children of each element in ELEMENT_ORDER come in that order, and are only those. */
export function orderProblems(document: Document): string[] {
  const problems: string[] = [];
  for (const element of allElements(document)) {
    const order = ELEMENT_ORDER[element.localName ?? ""];
    if (!order || element.namespaceURI === NS.bt) continue;
    let last = -1;
    for (const childElement of children(element)) {
      const name = childElement.localName ?? "";
      const at = order.indexOf(name);
      if (at < 0) problems.push(`<${name}> is not expected in <${element.localName}>`);
      else if (at < last)
        problems.push(`<${name}> comes after <${order[last]}> in <${element.localName}>`);
      else last = at;
    }
  }
  return problems;
}

interface Shortcuts {
  actions: { id: string; type?: string; name: string }[];
  shortcuts: { action: string; key: { default: string; [platform: string]: string } }[];
}

/** A key combination: at least one of Ctrl/Alt/Command (Shift alone is not enough) and one other key. */
const KEY_COMBINATION = /^((Ctrl|Alt|Command|Shift)\+)+[A-Z0-9_+-]$/;

/**
 * Ribbon buttons run registered commands; every shortcut runs a declared
 * action that is a registered command; each of the three ribbon actions has
 * a shortcut; keys follow Office's rules and none repeats.
 */
export function commandProblems(document: Document, shortcutsJson: string): string[] {
  const problems: string[] = [];
  const registered = new Set(Object.keys(RIBBON_COMMANDS));
  const functionNames = named(document, "FunctionName").map((e) => (e.textContent ?? "").trim());
  for (const name of functionNames)
    if (!registered.has(name)) problems.push(`FunctionName ${name} is not a registered command`);
  for (const action of named(document, "Action"))
    if (
      action.getAttributeNS(NS.xsi, "type") === "ExecuteFunction" &&
      children(action).filter((e) => e.localName === "FunctionName").length !== 1
    )
      problems.push("an ExecuteFunction action has no FunctionName");
  if (named(document, "ExtendedOverrides").length !== 1)
    problems.push("there is no <ExtendedOverrides> for the keyboard shortcuts");
  const shortcuts = JSON.parse(shortcutsJson) as Shortcuts;
  const actions = new Set(shortcuts.actions.map((a) => a.id));
  for (const action of shortcuts.actions) {
    if (!registered.has(action.id))
      problems.push(`shortcut action ${action.id} is not a registered command`);
    if (!action.name) problems.push(`shortcut action ${action.id} has no name`);
  }
  const keys: string[] = [];
  for (const shortcut of shortcuts.shortcuts) {
    if (!actions.has(shortcut.action))
      problems.push(`shortcut for ${shortcut.action} names no declared action`);
    for (const key of Object.values(shortcut.key)) {
      if (!KEY_COMBINATION.test(key) || /^(Shift\+)+.$/.test(key))
        problems.push(`shortcut ${key} for ${shortcut.action} is not modifier(s) + one key`);
    }
    keys.push(shortcut.key.default);
  }
  keys
    .filter((k, i) => keys.indexOf(k) !== i)
    .forEach((k) => problems.push(`shortcut ${k} is used twice`));
  for (const name of functionNames)
    if (!shortcuts.shortcuts.some((s) => s.action === name))
      problems.push(`ribbon command ${name} has no keyboard shortcut`);
  for (const id of registered)
    if (!functionNames.includes(id) && !actions.has(id))
      problems.push(`registered command ${id} is on neither the ribbon nor a shortcut`);
  return problems;
}

/** Command ids of the manifest and the shortcuts that the shared runtime's bundle does not contain. */
export function bundleProblems(
  document: Document,
  shortcutsJson: string,
  bundle: string
): string[] {
  const shortcuts = JSON.parse(shortcutsJson) as Shortcuts;
  const ids = new Set([
    ...named(document, "FunctionName").map((e) => (e.textContent ?? "").trim()),
    ...shortcuts.actions.map((a) => a.id),
  ]);
  return [...ids]
    .filter((id) => !bundle.includes(`"${id}"`))
    .map((id) => `command ${id} is not in the shared runtime's bundle`);
}

/** Width and height of a PNG file, from its IHDR chunk. */
export function pngSize(file: string): { width: number; height: number } | null {
  const bytes = readFileSync(file);
  if (bytes.length < 24 || bytes.toString("latin1", 12, 16) !== "IHDR") return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Every bt:Image (and each use of it, by its size attribute) is a PNG in assets/ of that size. */
export function iconProblems(document: Document, root = "."): string[] {
  const problems: string[] = [];
  const defined = resources(document);
  for (const use of named(document, "Image").filter((e) => e.getAttribute("resid"))) {
    const size = Number(use.getAttribute("size"));
    const url = defined.get(resid(use))?.value ?? "";
    const file = `${root}/${url.replace(DEV_ORIGIN, "")}`;
    if (!url.startsWith(`${DEV_ORIGIN}assets/`) || !existsSync(file)) {
      problems.push(`icon ${resid(use)} (${url}) is not a file in assets/`);
      continue;
    }
    const png = pngSize(file);
    if (!png || png.width !== size || png.height !== size)
      problems.push(`icon ${resid(use)} is not a ${size}×${size} PNG`);
  }
  return problems;
}

/** All the rules above but the bundle's, for one manifest text. */
export function manifestProblems(xml: string, shortcutsJson: string, root = "."): string[] {
  const document = parseManifestText(xml);
  return [
    ...residProblems(document),
    ...lengthAndUrlProblems(document),
    ...orderProblems(document),
    ...commandProblems(document, shortcutsJson),
    ...iconProblems(document, root),
  ];
}
