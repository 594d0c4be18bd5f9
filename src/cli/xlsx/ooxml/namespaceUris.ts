/** The namespace URIs rule12b1 matches names by (never by the prefix a writer chose). */
export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  relationships: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  strictMain: "http://purl.oclc.org/ooxml/spreadsheetml/main",
  markupCompatibility: "http://schemas.openxmlformats.org/markup-compatibility/2006",
  xml: "http://www.w3.org/XML/1998/namespace",
  xmlns: "http://www.w3.org/2000/xmlns/",
} as const;

/**
 * `uri`, or `NS.main` itself when it is SpreadsheetML's: a parser hands every
 * element the one string a declaration held, equal to `NS.main` but not the
 * same string, and a reader's `uri === NS.main` is then 60 characters
 * compared, twice an element (8% of the NAV-sheet scan); against `NS.main`
 * itself it is one pointer comparison.
 */
export function mainAsNS(uri: string): string {
  return uri === NS.main ? NS.main : uri;
}
