/**
 * A workbook package that cannot be used as it is: a damaged or hostile zip,
 * XML that is not well-formed, a number a cell cannot hold. Its message is a
 * whole sentence for the accountant (which part, what is wrong, what to do);
 * the runner turns it into exit 2 with nothing written, never a stack trace.
 * Anything else thrown is a bug (exit 3).
 *
 * `throw new UnreadablePackage('The part xl/sharedStrings.xml is damaged: …')`
 */
export class UnreadablePackage extends Error {
  constructor(sentence: string) {
    super(sentence);
    this.name = "UnreadablePackage";
  }
}

/** `megabytes(1_572_864)` → `"1.5 MB"`: sizes in sentences, as a person reads them. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toLocaleString("en-US", { maximumFractionDigits: 1 })} MB`;
}
