/** Reading an add-in manifest offline with @xmldom/xmldom (no npm package ships the XSD). */
import { readFileSync } from "node:fs";
import { DOMParser, type Document, type Element } from "@xmldom/xmldom";

export const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};

export function parseManifest(path: string): Document {
  const errors: string[] = [];
  const document = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") errors.push(message);
    },
  }).parseFromString(readFileSync(path, "utf8"), "text/xml");
  if (errors.length > 0) throw new Error(`${path} is not well-formed XML: ${errors.join("; ")}`);
  return document;
}

/** Child elements of `parent`, in order. */
export function children(parent: Element): Element[] {
  const result: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) result.push(node as Element);
  }
  return result;
}

export function child(parent: Element, localName: string): Element {
  const found = children(parent).filter((e) => e.localName === localName);
  if (found.length !== 1)
    throw new Error(`expected one <${localName}> in <${parent.localName}>, found ${found.length}`);
  return found[0] as Element;
}

/** Every element in the document, depth first. */
export function allElements(document: Document): Element[] {
  const result: Element[] = [];
  const walk = (element: Element) => {
    result.push(element);
    children(element).forEach(walk);
  };
  if (document.documentElement) walk(document.documentElement);
  return result;
}

/** Every URL in the manifest: DefaultValue and Url attributes and AppDomain texts that start with a scheme. */
export function manifestUrls(document: Document): string[] {
  const urls: string[] = [];
  for (const element of allElements(document)) {
    for (const value of [element.getAttribute("DefaultValue"), element.getAttribute("Url")])
      if (value && /^[a-z]+:\/\//i.test(value)) urls.push(value);
    if (element.localName === "AppDomain") urls.push((element.textContent ?? "").trim());
  }
  return urls;
}
