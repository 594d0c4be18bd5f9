/**
 * Which Excel JavaScript API members a set of source files uses, and the
 * requirement set `@types/office-js` documents for each (its doc comments
 * carry `[Api set: ExcelApi 1.9]`), found with the TypeScript compiler API:
 * every property access, method call, object-literal property typed by an
 * Excel interface (`range.set({ … })`, `dataValidation.rule = { … }`) and
 * property name given to `load("a, b/c")` is resolved to its declaration, and
 * only declarations inside `declare namespace Excel` count. No regex over our
 * sources: renaming a variable or chaining a call cannot hide a member.
 *
 * A use is *guarded* when it sits, in the same function, under an
 * `isSetSupported("ExcelApi", v)` check (directly, or through a function
 * whose body makes that check with its parameter, like `excelApiSupported`)
 * for a version v at or above the member's, and the check has a fallback:
 * - `if (supported) { use } else { fallback }`, or `if (supported) { use }`
 *   followed by more statements (they run when it is not supported);
 * - `if (!supported) { fallback; return }` earlier in the same block;
 * - `supported ? use : fallback`.
 */
import path from "node:path";
import ts from "typescript";

/** One requirement: a set and its version, e.g. ExcelApi 1.9. */
export interface Requirement {
  set: string;
  version: string;
}

export interface ExcelApiUse {
  /** "Worksheet.notes", "Range.values". */
  member: string;
  requirement: Requirement;
  /** "src/excel/auditFacts.ts:143". */
  where: string;
  /** The `isSetSupported` check the use sits under, when there is one with a fallback. */
  guard: Requirement | null;
}

/** "1.13" → [1, 13], compared numerically (1.9 < 1.13). */
export function compareVersions(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split(".").map(Number);
  const [b1 = 0, b2 = 0] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}

/** The base set when a member's documentation names none (Excel.run, RequestContext.workbook). */
const BASE: Requirement = { set: "ExcelApi", version: "1.1" };

/**
 * The requirement a declaration documents. Notes such as "ExcelApi 1.1 for
 * reading visibility; 1.2 for setting it" give the first version for a read
 * and the highest for a write.
 *
 * @example requirementOf(worksheetVisibilityDeclaration, true) // { set: "ExcelApi", version: "1.2" }
 */
function requirementOf(declaration: ts.Declaration, write: boolean): Requirement | null {
  const text = declaration.getSourceFile().text;
  const comments = ts.getLeadingCommentRanges(text, declaration.getFullStart()) ?? [];
  for (const range of comments) {
    const match = /\[Api set: ([A-Za-z]+) (\d+\.\d+)([^\]]*)\]/.exec(
      text.slice(range.pos, range.end)
    );
    if (!match) continue;
    const [, set = "", first = "", rest = ""] = match;
    let version = first;
    if (write && /for (setting|set|writing)/i.test(rest)) {
      for (const later of rest.match(/\d+\.\d+/g) ?? [])
        if (compareVersions(later, version) > 0) version = later;
    }
    return { set, version };
  }
  return null;
}

/** "Excel.Worksheet" → "Worksheet" for a member declared in `namespace Excel`; null outside it. */
function excelOwner(declaration: ts.Declaration): string | null {
  const names: string[] = [];
  let owner = "";
  for (let node: ts.Node | undefined = declaration.parent; node; node = node.parent) {
    if (ts.isModuleDeclaration(node)) names.unshift(node.name.text);
    else if (!owner && (ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)))
      owner = node.name?.text ?? "";
  }
  if (names[0] !== "Excel") return null;
  return owner || names.join(".");
}

function isWriteTarget(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    ts.isBinaryExpression(parent) &&
    parent.left === node &&
    parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
    parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment
  );
}

/** The ExcelApi version a guard expression checks, and whether it is negated (`!supported`). */
function guardIn(
  checker: ts.TypeChecker,
  expression: ts.Expression
): { version: string; negated: boolean } | null {
  if (ts.isParenthesizedExpression(expression)) return guardIn(checker, expression.expression);
  if (
    ts.isPrefixUnaryExpression(expression) &&
    expression.operator === ts.SyntaxKind.ExclamationToken
  ) {
    const inner = guardIn(checker, expression.operand);
    return inner && { version: inner.version, negated: !inner.negated };
  }
  if (
    ts.isBinaryExpression(expression) &&
    expression.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken
  ) {
    const sides = [guardIn(checker, expression.left), guardIn(checker, expression.right)];
    return sides.find((side) => side && !side.negated) ?? null;
  }
  if (ts.isIdentifier(expression)) {
    const declaration = checker.getSymbolAtLocation(expression)?.valueDeclaration;
    return declaration && ts.isVariableDeclaration(declaration) && declaration.initializer
      ? guardIn(checker, declaration.initializer)
      : null;
  }
  if (!ts.isCallExpression(expression)) return null;
  const literal = (node: ts.Expression | undefined) =>
    node && ts.isStringLiteralLike(node) ? node.text : null;
  const callee = expression.expression;
  const calleeName = ts.isPropertyAccessExpression(callee)
    ? callee.name.text
    : ts.isIdentifier(callee)
      ? callee.text
      : "";
  if (calleeName === "isSetSupported") {
    const [set, version] = expression.arguments.map(literal);
    return set === "ExcelApi" && version ? { version, negated: false } : null;
  }
  // A helper such as excelApiSupported(version): its body calls isSetSupported("ExcelApi", version).
  const declaration = checker.getSymbolAtLocation(callee)?.valueDeclaration;
  const version = literal(expression.arguments[0]);
  if (!declaration || !version || !ts.isFunctionLike(declaration)) return null;
  let checks = false;
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === "isSetSupported" &&
      literal(node.arguments[0]) === "ExcelApi"
    )
      checks = true;
    ts.forEachChild(node, visit);
  };
  visit(declaration);
  return checks ? { version, negated: false } : null;
}

/** Whether a statement always leaves its block (return or throw, last in a block). */
function exits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  if (ts.isBlock(statement)) {
    const last = statement.statements[statement.statements.length - 1];
    return last !== undefined && exits(last);
  }
  return false;
}

/** The guard that covers `node` (with a fallback) within its function, or null. */
function guardOf(checker: ts.TypeChecker, node: ts.Node): Requirement | null {
  let found: string | null = null;
  const better = (version: string) => {
    if (found === null || compareVersions(version, found) > 0) found = version;
  };
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && child !== parent.expression) {
      const guard = guardIn(checker, parent.expression);
      const inThen = child === parent.thenStatement;
      const block = parent.parent;
      const followed =
        (ts.isBlock(block) || ts.isSourceFile(block)) &&
        block.statements.indexOf(parent) < block.statements.length - 1;
      if (guard && !guard.negated && inThen && (parent.elseStatement || followed))
        better(guard.version);
      if (guard && guard.negated && !inThen) better(guard.version);
    }
    if (ts.isConditionalExpression(parent) && child !== parent.condition) {
      const guard = guardIn(checker, parent.condition);
      if (guard && guard.negated === (child === parent.whenFalse)) better(guard.version);
    }
    if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      for (const statement of parent.statements) {
        if (statement === child) break;
        if (!ts.isIfStatement(statement) || !exits(statement.thenStatement)) continue;
        const guard = guardIn(checker, statement.expression);
        if (guard && guard.negated) better(guard.version);
      }
    }
    if (ts.isFunctionLike(parent)) break;
  }
  return found === null ? null : { set: "ExcelApi", version: found };
}

/** Property `name` of `type`, looking through arrays (`items/name`). */
function propertyOf(checker: ts.TypeChecker, type: ts.Type, name: string): ts.Symbol | undefined {
  const element = checker.isArrayType(type)
    ? checker.getTypeArguments(type as ts.TypeReference)[0]
    : type;
  return element?.getProperty(name);
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  jsx: ts.JsxEmit.ReactJSX,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  typeRoots: [path.resolve(__dirname, "../../../node_modules/@types")],
  types: ["office-js", "node"],
};
let previousProgram: ts.Program | undefined;

/**
 * Every Excel API member `files` use, in source order.
 *
 * @example excelApiUses(["src/excel/writeReport.ts"])[0] // { member: "WorksheetCollection.getItemOrNullObject", requirement: { set: "ExcelApi", version: "1.4" }, … }
 */
export function excelApiUses(files: readonly string[], root = process.cwd()): ExcelApiUse[] {
  const program = ts.createProgram(
    files.map((file) => path.resolve(root, file)),
    COMPILER_OPTIONS,
    undefined,
    // Reuses the parsed lib and office-js declarations (190,000 lines) of the previous call.
    previousProgram
  );
  previousProgram = program;
  const checker = program.getTypeChecker();
  const wanted = new Set(files.map((file) => path.resolve(root, file)));
  const uses: ExcelApiUse[] = [];

  const record = (symbol: ts.Symbol | undefined, at: ts.Node, write: boolean) => {
    const declarations = symbol?.declarations ?? [];
    let best: { member: string; requirement: Requirement } | null = null;
    for (const declaration of declarations) {
      const owner = excelOwner(declaration);
      if (owner === null) continue;
      const requirement = requirementOf(declaration, write) ?? BASE;
      // Overloads: the most widely available one is what a host needs at least.
      if (!best || compareVersions(requirement.version, best.requirement.version) < 0)
        best = { member: `${owner}.${symbol!.name}`, requirement };
    }
    if (!best) return;
    const source = at.getSourceFile();
    const line = source.getLineAndCharacterOfPosition(at.getStart()).line + 1;
    uses.push({
      ...best,
      where: `${path.relative(root, source.fileName)}:${line}`,
      guard: guardOf(checker, at),
    });
  };

  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node))
      record(checker.getSymbolAtLocation(node.name), node, isWriteTarget(node));
    if (ts.isObjectLiteralExpression(node)) {
      const type = checker.getContextualType(node);
      for (const property of node.properties) {
        if (!property.name || !type) continue;
        const name =
          ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)
            ? property.name.text
            : "";
        record(type.getNonNullableType().getProperty(name), property, true);
      }
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === "load"
    ) {
      const names = node.arguments.flatMap((argument) =>
        ts.isStringLiteralLike(argument)
          ? argument.text.split(",")
          : ts.isArrayLiteralExpression(argument)
            ? argument.elements.filter(ts.isStringLiteralLike).map((element) => element.text)
            : []
      );
      for (const name of names) {
        let type: ts.Type | undefined = checker.getTypeAtLocation(node.expression.expression);
        for (const step of name.trim().split("/")) {
          const property: ts.Symbol | undefined = type && propertyOf(checker, type, step);
          if (!property) break;
          record(property, node, false);
          type = checker.getTypeOfSymbolAtLocation(property, node);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const source of program.getSourceFiles()) if (wanted.has(source.fileName)) visit(source);
  return uses;
}
