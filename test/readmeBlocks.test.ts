// Every ```ts block of README.md, as written: type-checked against the built package's
// declarations the way a consumer's project sees them, then run against the built package, with
// every value the block shows checked. Also the README's other blocks that state facts: the two
// commands (package.json's scripts, and what CI runs) and the CLI usage (`kefu-kpi --help`).
//
// The check syntax of the README. A comment `//=> value` shows what the statement before it gives:
// at the end of the statement's last line, or alone on the line right after it.
//   expr; //=> "0.9722"                   the same string, number, boolean or null (===)
//   expr; //=> { status: "assisted", … }  an object: these keys with these values; without `…`
//                                         exactly these keys, with a trailing `…` possibly others
//                                         (a subset match, as vitest's toMatchObject)
//   expr; //=> ["A02", …]                 an array: these items; without `…` exactly these, with a
//                                         trailing `…` these first and possibly more
//   const x = expr; //=> 194              checks x
// Objects and arrays nest, each level exact unless it ends with `…`. The whole rest of the comment
// is the value: a note goes on a comment line of its own. A block without a check, a value that
// cannot be read, a `//=>` that follows no statement, a comment that starts like a check without
// being one (`// =>`, `//->`) or that shows a value without `=>` (`// "4583.41"`, `// { … }`)
// fails the test, so that a typo cannot skip a check; so does a check its block never reaches.
// A block imports only the package's entry points (`kefu-kpi`, `kefu-kpi/node`, … `kefu-kpi/sample-month`).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
const readme = readFileSync(join(root, "README.md"), "utf8");

/** The package's entry points a block may import, and the built file each resolves to. */
const ENTRY: Record<string, string> = {
  "kefu-kpi": "dist/index.js",
  "kefu-kpi/node": "dist/node/index.js",
  "kefu-kpi/sheets": "dist/sheets/index.js",
  "kefu-kpi/render": "dist/render/index.js",
  "kefu-kpi/schemas": "dist/schemas.js",
  "kefu-kpi/sample-month": "dist/sample-month.js",
};

interface Fence {
  lang: string;
  /** The README line of the block's first line. */
  line: number;
  code: string;
  /** The heading the block is under. */
  heading: string;
}

function fences(text: string): Fence[] {
  const lines = text.split("\n");
  const found: Fence[] = [];
  let heading = "";
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (open === null) {
      if (/^#+ /.test(lines[i]!)) heading = lines[i]!.replace(/^#+ /, "");
      continue;
    }
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    if (end === lines.length) throw new Error(`README.md:${i + 1}: a code block that is never closed`);
    found.push({ lang: open[1]!, line: i + 2, code: lines.slice(i + 1, end).join("\n") + "\n", heading });
    i = end;
  }
  return found;
}

const allFences = fences(readme);
const blocks = allFences.filter((f) => f.lang === "ts");
const where = (block: Fence) => `README.md:${block.line} (${block.heading})`;

// ---- the check syntax ----

type Want =
  | { kind: "value"; value: string | number | boolean | null }
  | { kind: "object"; entries: [string, Want][]; more: boolean }
  | { kind: "array"; items: Want[]; more: boolean };

const MORE = "__and_more__";

/** Reads the value of a `//=>` comment; throws saying why it cannot. */
function parseWant(text: string): Want {
  // `…` outside string literals means "and others": made an identifier the parser accepts.
  let source = "";
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== null) {
      source += c;
      if (c === "\\") source += text[++i] ?? "";
      else if (c === quote) quote = null;
    } else {
      if (c === '"' || c === "'" || c === "`") quote = c;
      source += c === "…" ? ` ${MORE} ` : c;
    }
  }
  const code = `(${source}\n);\n`;
  const syntax = ts.transpileModule(code, { reportDiagnostics: true }).diagnostics ?? [];
  if (syntax.length > 0) throw new Error(ts.flattenDiagnosticMessageText(syntax[0]!.messageText, " "));
  const file = ts.createSourceFile("value.ts", code, ts.ScriptTarget.Latest, true);
  const [statement, ...others] = file.statements;
  if (others.length > 0 || statement === undefined || !ts.isExpressionStatement(statement) || !ts.isParenthesizedExpression(statement.expression)) {
    throw new Error("not one value");
  }
  return toWant(statement.expression.expression, file);
}

const isMore = (node: ts.Node) => ts.isIdentifier(node) && node.text === MORE;

function toWant(node: ts.Expression, file: ts.SourceFile): Want {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { kind: "value", value: node.text };
  if (ts.isNumericLiteral(node)) return { kind: "value", value: Number(node.text) };
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand)) {
    return { kind: "value", value: -Number(node.operand.text) };
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword) return { kind: "value", value: true };
  if (node.kind === ts.SyntaxKind.FalseKeyword) return { kind: "value", value: false };
  if (node.kind === ts.SyntaxKind.NullKeyword) return { kind: "value", value: null };
  if (ts.isArrayLiteralExpression(node)) {
    const elements = [...node.elements];
    const more = elements.length > 0 && isMore(elements[elements.length - 1]!);
    if (more) elements.pop();
    if (elements.some(isMore)) throw new Error("`…` may only end an array");
    return { kind: "array", items: elements.map((e) => toWant(e, file)), more };
  }
  if (ts.isObjectLiteralExpression(node)) {
    const properties = [...node.properties];
    const last = properties[properties.length - 1];
    const more = last !== undefined && ts.isShorthandPropertyAssignment(last) && isMore(last.name);
    if (more) properties.pop();
    const entries: [string, Want][] = [];
    for (const p of properties) {
      if (ts.isShorthandPropertyAssignment(p) && isMore(p.name)) throw new Error("`…` may only end an object");
      if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name))) {
        throw new Error(`${p.getText(file)} is not a key: value pair`);
      }
      const key = p.name.text;
      if (entries.some(([k]) => k === key)) throw new Error(`the key ${key} is given twice`);
      entries.push([key, toWant(p.initializer, file)]);
    }
    return { kind: "object", entries, more };
  }
  throw new Error(`${node.getText(file).split(MORE).join("…")} is not a literal (a string, number, boolean, null, array or object)`);
}

function showWant(want: Want): string {
  if (want.kind === "value") return show(want.value);
  const parts = want.kind === "array" ? want.items.map(showWant) : want.entries.map(([k, w]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${showWant(w)}`);
  if (want.more) parts.push("…");
  return want.kind === "array" ? `[${parts.join(", ")}]` : `{ ${parts.join(", ")} }`;
}

function show(value: unknown): string {
  if (value === undefined) return "undefined";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

interface Miss {
  path: string;
  got: string;
  want: string;
}

/** The first place `got` differs from what the README shows, or null. */
function mismatch(got: unknown, want: Want, path: string): Miss | null {
  if (want.kind === "value") return got === want.value ? null : { path, got: show(got), want: show(want.value) };
  if (want.kind === "array") {
    if (!Array.isArray(got)) return { path, got: show(got), want: showWant(want) };
    const n = want.items.length;
    if (want.more ? got.length < n : got.length !== n) {
      return { path, got: `${got.length} items ${show(got)}`, want: `${want.more ? "at least " : ""}${n}: ${showWant(want)}` };
    }
    for (let i = 0; i < n; i++) {
      const miss = mismatch(got[i], want.items[i]!, `${path}[${i}]`);
      if (miss !== null) return miss;
    }
    return null;
  }
  if (typeof got !== "object" || got === null || Array.isArray(got)) return { path, got: show(got), want: showWant(want) };
  const record = got as Record<string, unknown>;
  for (const [key, value] of want.entries) {
    if (!(key in record)) return { path: `${path}.${key}`, got: "nothing (no such key)", want: showWant(value) };
    const miss = mismatch(record[key], value, `${path}.${key}`);
    if (miss !== null) return miss;
  }
  if (!want.more) {
    const listed = new Set(want.entries.map(([k]) => k));
    const others = Object.keys(record).filter((k) => !listed.has(k));
    if (others.length > 0) {
      return { path, got: `also the keys ${others.join(", ")}`, want: `only ${[...listed].join(", ")} (end the object with … to allow others)` };
    }
  }
  return null;
}

// ---- a block's checks ----

interface Check {
  /** The README line of the `//=>` comment. */
  line: number;
  /** What is checked, as written (an expression, or the name a `const` declares). */
  expr: string;
  want: Want;
  /** The text that replaces [start, end) of the block to run the check. */
  start: number;
  end: number;
  replacement: string;
}

interface Analysis {
  checks: Check[];
  problems: string[];
  /** Import specifiers, to point at dist/ when run. */
  imports: { start: number; end: number; name: string }[];
}

function analyse(block: Fence): Analysis {
  const source = ts.createSourceFile("block.mts", block.code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const text = source.text;
  const lineOf = (pos: number) => block.line + source.getLineAndCharacterOfPosition(pos).line;
  const checks: Check[] = [];
  const problems: string[] = [];
  const imports: Analysis["imports"] = [];

  const statements: (ts.ExpressionStatement | ts.VariableStatement)[] = [];
  const comments = new Map<number, ts.CommentRange>();
  const visit = (node: ts.Node): void => {
    for (const range of [...(ts.getLeadingCommentRanges(text, node.pos) ?? []), ...(ts.getTrailingCommentRanges(text, node.end) ?? [])]) comments.set(range.pos, range);
    if (ts.isExpressionStatement(node) || ts.isVariableStatement(node)) statements.push(node);
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const name = node.moduleSpecifier.text;
      if (ENTRY[name] === undefined) problems.push(`README.md:${lineOf(node.getStart())}: imports "${name}", not one of the package's entry points (${Object.keys(ENTRY).join(", ")})`);
      else imports.push({ start: node.moduleSpecifier.getStart(), end: node.moduleSpecifier.end, name });
    }
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);

  for (const range of [...comments.values()].sort((a, b) => a.pos - b.pos)) {
    if (range.kind !== ts.SyntaxKind.SingleLineCommentTrivia) continue;
    const comment = text.slice(range.pos, range.end);
    const line = lineOf(range.pos);
    if (!comment.startsWith("//=>")) {
      const body = comment.slice(2).trim();
      if (/^(=+\s*>|-+>|→|⇒|=)/.test(body)) problems.push(`README.md:${line}: \`${comment}\` starts like a check but is not written \`//=> value\``);
      else if (/^["'{[`]/.test(body)) problems.push(`README.md:${line}: \`${comment}\` shows a value: write it as a check, \`//=> value\`, or as a note`);
      continue;
    }
    const valueText = comment.slice(4).trim();
    let want: Want;
    try {
      if (valueText === "") throw new Error("no value");
      want = parseWant(valueText);
    } catch (error) {
      problems.push(`README.md:${line}: \`${comment}\` cannot be read as a value: ${(error as Error).message}`);
      continue;
    }
    // The statement right before the comment (only blanks between, at most one line break);
    // of the statements ending there, the innermost (`if (…) expr; //=> …` checks expr).
    const before = statements.filter((s) => s.end <= range.pos && /^[ \t]*\n?[ \t]*$/.test(text.slice(s.end, range.pos)));
    const statement = before.sort((a, b) => b.getStart() - a.getStart())[0];
    if (statement === undefined) {
      problems.push(`README.md:${line}: \`${comment}\` follows no statement (put it after the statement, or on the line right after it)`);
      continue;
    }
    if (ts.isExpressionStatement(statement)) {
      const start = statement.expression.getStart();
      const expr = text.slice(start, statement.expression.end);
      checks.push({ line, expr: expr.replace(/\s+/g, " "), want, start, end: statement.end, replacement: `__check(${checks.length}, () => (${expr}));` });
    } else {
      const [declaration, ...more] = statement.declarationList.declarations;
      if (declaration === undefined || more.length > 0 || !ts.isIdentifier(declaration.name)) {
        problems.push(`README.md:${line}: \`${comment}\` follows a declaration of more than one plain name`);
        continue;
      }
      const name = declaration.name.text;
      checks.push({ line, expr: name, want, start: statement.end, end: statement.end, replacement: ` __check(${checks.length}, () => ${name});` });
    }
  }
  return { checks, problems, imports };
}

const analyses = new Map(blocks.map((b) => [b, analyse(b)]));

// ---- running a block ----

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

type CheckHook = (id: number, value: () => unknown) => void;
const HOOK = "__kefuKpiReadmeCheck";

/** Runs a block against dist/, its checks made calls; returns what failed, README line first. */
async function runBlock(block: Fence): Promise<string[]> {
  const { checks, imports } = analyses.get(block)!;
  const edits = [
    ...checks.map((c) => ({ start: c.start, end: c.end, text: c.replacement })),
    ...imports.map((i) => ({ start: i.start, end: i.end, text: JSON.stringify(pathToFileURL(join(root, ENTRY[i.name]!)).href) })),
  ].sort((a, b) => b.start - a.start);
  let code = block.code;
  for (const edit of edits) code = code.slice(0, edit.start) + edit.text + code.slice(edit.end);
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;

  const failures: string[] = [];
  const reached = new Set<number>();
  const hook: CheckHook = (id, value) => {
    const check = checks[id]!;
    reached.add(id);
    let got: unknown;
    try {
      got = value();
    } catch (error) {
      failures.push(`README.md:${check.line}: ${check.expr} threw ${String(error)}; the README says ${showWant(check.want)}`);
      return;
    }
    const miss = mismatch(got, check.want, "");
    if (miss !== null) failures.push(`README.md:${check.line}: ${check.expr}${miss.path} gave ${miss.got}; the README says ${miss.want}`);
  };
  (globalThis as Record<string, unknown>)[HOOK] = hook;
  const dir = mkdtempSync(join(tmpdir(), "kefu-kpi-readme-run-"));
  temp.push(dir);
  const file = join(dir, "block.mjs");
  writeFileSync(file, `const __check = globalThis.${HOOK};\n${js}`);
  try {
    await import(/* @vite-ignore */ pathToFileURL(file).href);
  } catch (error) {
    failures.push(`${where(block)}: the block threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    delete (globalThis as Record<string, unknown>)[HOOK];
  }
  checks.forEach((check, id) => {
    if (!reached.has(id)) failures.push(`README.md:${check.line}: ${check.expr} never ran, so its \`//=> ${showWant(check.want)}\` was not checked`);
  });
  return failures;
}

// ---- type-checking the blocks ----

/** Every block verbatim as a .mts file of a project that depends on the package (a link to this repository, so its "exports" resolve dist/). */
function typeCheck(): { diagnostics: string[]; program: ts.Program } {
  const dir = mkdtempSync(join(tmpdir(), "kefu-kpi-readme-types-"));
  temp.push(dir);
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(root, join(dir, "node_modules", "kefu-kpi"), "dir");
  const files = new Map(blocks.map((block, i) => [join(dir, `block${i + 1}.mts`), block]));
  for (const [file, block] of files) writeFileSync(file, block.code);
  const program = ts.createProgram([...files.keys()], {
    strict: true,
    skipLibCheck: false,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    types: ["node"],
    typeRoots: [join(root, "node_modules", "@types")],
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n  ");
    if (d.file === undefined || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    const block = files.get(d.file.fileName);
    if (block !== undefined) return `README.md:${block.line + line}:${character + 1} (${block.heading}): ${message}`;
    return `${relative(root, d.file.fileName)}:${line + 1}:${character + 1}: ${message}`;
  });
  return { diagnostics, program };
}

describe("README ```ts blocks", () => {
  it("are found, and every code block is ts, sh or plain text", () => {
    expect(blocks.length).toBeGreaterThan(0);
    expect(allFences.filter((f) => !["ts", "sh", ""].includes(f.lang)).map((f) => `README.md:${f.line}: \`\`\`${f.lang} is not checked: use ts`)).toEqual([]);
  });

  it("each shows what it gives with checks the test can read: `//=> value`", () => {
    const problems = blocks.flatMap((block) => {
      const { checks, problems } = analyses.get(block)!;
      return checks.length > 0 ? problems : [...problems, `${where(block)}: the block checks nothing (no \`//=> value\`)`];
    });
    expect(problems).toEqual([]);
  });

  it("type-check as written under strict against the built package's declarations", () => {
    const { diagnostics, program } = typeCheck();
    expect(diagnostics).toEqual([]);
    // The package resolved as a consumer's project resolves it: dist/'s declarations, never src/.
    const read = program.getSourceFiles().map((f) => relative(root, f.fileName));
    expect(read).toEqual(expect.arrayContaining(["dist/index.d.ts", "dist/node/index.d.ts", "dist/sheets/index.d.ts", "dist/sample-month.d.ts"]));
    expect(read.filter((f) => f.startsWith("src/"))).toEqual([]);
  }, 90_000);

  for (const block of blocks) {
    it(`${where(block)} runs against the built package and gives what it shows`, async () => {
      expect(await runBlock(block)).toEqual([]);
    });
  }
});

describe("the check syntax catches what is wrong", () => {
  const check = async (code: string) => {
    const block: Fence = { lang: "ts", line: 1, code, heading: "test" };
    analyses.set(block, analyse(block));
    return { problems: analyses.get(block)!.problems, failures: await runBlock(block) };
  };

  it("fails a wrong value, a missing or extra key, a short array, a check never reached, naming line and expression", async () => {
    const { problems, failures } = await check(
      [
        'const o = { a: "1", b: [1, 2], c: null };',
        'o.a; //=> "2"',
        'o; //=> { a: "1", b: [1, 2] }',
        'o; //=> { a: "1", b: [1, 2, 3, …], … }',
        "o; //=> { a: \"1\", d: 0, … }",
        "o.b.length === 2; //=> true",
        "if (o.c !== null) o.a; //=> \"1\"",
        "",
      ].join("\n"),
    );
    expect(problems).toEqual([]);
    expect(failures).toEqual([
      'README.md:2: o.a gave "1"; the README says "2"',
      'README.md:3: o gave also the keys c; the README says only a, b (end the object with … to allow others)',
      'README.md:4: o.b gave 2 items [1,2]; the README says at least 3: [1, 2, 3, …]',
      "README.md:5: o.d gave nothing (no such key); the README says 0",
      'README.md:7: o.a never ran, so its `//=> "1"` was not checked',
    ]);
  });

  it("refuses values it cannot read and comments that look like checks", async () => {
    const { problems } = await check(
      [
        "const x = 1;",
        "x; //=> { a: 1",
        "x; //=> one",
        "x; // => 1",
        'x; // "1"',
        "x; //=> [1, …, 2]",
        "//=> 1",
        "",
      ].join("\n"),
    );
    expect(problems).toHaveLength(6);
    expect(problems.map((p) => p.split(":").slice(0, 2).join(":"))).toEqual(["README.md:2", "README.md:3", "README.md:4", "README.md:5", "README.md:6", "README.md:7"]);
  });
});

describe("README: the two commands and the CLI usage", () => {
  it("the two commands are npm's and the package's scripts, and CI runs the README's test command", () => {
    const [sh, ...others] = allFences.filter((f) => f.lang === "sh" && f.heading === "The two commands");
    expect(sh, "a ```sh block under ## The two commands").toBeDefined();
    expect(others).toEqual([]);
    const commands = sh!.code
      .split("\n")
      .map((line) => line.replace(/#.*$/, "").trim())
      .filter((line) => line !== "")
      .flatMap((line) => line.split("&&").map((c) => c.trim()));
    const scripts = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    for (const command of commands) {
      const script = /^npm run (\S+)$/.exec(command)?.[1] ?? (command === "npm test" ? "test" : undefined);
      if (script !== undefined) expect(scripts[script], `${command}: package.json has no script "${script}"`).toBeTypeOf("string");
      else expect(command, "a command the README shows but the package does not define").toBe("npm ci");
    }
    expect(commands).toEqual(expect.arrayContaining(["npm ci", "npm run report", "npm test"]));
    expect(existsSync(join(root, "package-lock.json")), "npm ci needs the lock file").toBe(true);
    // What their comments say: the report of the sample folder; the suite under both zones.
    expect(scripts.report).toMatch(/ fixtures\/sample-month$/);
    expect(scripts.test).toMatch(/npm run test:utc && npm run test:odd-zone/);
    expect(scripts["test:utc"]).toMatch(/^TZ=UTC vitest run /);
    expect(scripts["test:odd-zone"]).toMatch(/^TZ=America\/St_Johns KEFU_KPI_RUN=odd-zone vitest run /);
    // CI runs the README's test command itself.
    const ci = readFileSync(join(root, ".ci", "run"), "utf8").split("\n").map((line) => line.trim());
    expect(ci).toContain("npm test");
    expect(ci.some((line) => line.startsWith("npm ci "))).toBe(true);
  });

  it("the CLI usage block is the usage `kefu-kpi --help` prints: the same commands, options and arguments", () => {
    const usage = allFences.find((f) => f.lang === "" && f.heading === "CLI");
    expect(usage, "a text block under ## CLI").toBeDefined();
    const help = execFileSync(process.execPath, [join(root, "dist", "cli.js"), "--help"], { encoding: "utf8" });
    const helpUsage = help.split("Usage:\n")[1]!.split("\n\n")[0]!;
    // Each command's usage, from `kefu-kpi <command>` to the next command: its name and its options.
    const commandsOf = (text: string) =>
      text
        .split(/^\s*(?=kefu-kpi )/m)
        .filter((part) => part.startsWith("kefu-kpi "))
        .map((part) => ({ command: part.split(/\s+/)[1]!, options: [...new Set(part.match(/--[a-z][a-z-]*/g) ?? [])] }));
    const readmeCommands = commandsOf(usage!.code);
    const helpCommands = commandsOf(helpUsage);
    expect(readmeCommands.map((c) => c.command)).toEqual(helpCommands.map((c) => c.command));
    expect(readmeCommands.map((c) => c.command)).toEqual(["report", "kpi", "trend", "explain", "compare", "duties", "lint", "routing", "staffing", "schema", "--help"]);
    for (const { command, options } of readmeCommands) {
      expect(options, `the options of ${command}`).toEqual(helpCommands.find((c) => c.command === command)!.options);
    }
    // Word for word, whatever the line breaks.
    const words = (text: string) => text.trim().replace(/\s+/g, " ");
    expect(words(usage!.code)).toBe(words(helpUsage));
  });
});
