/**
 * Which files of a month folder are read as what, from their names alone. Kind names match without
 * regard to case, and so do the extensions `.csv` and `.json` (`Consultations.CSV` is the
 * consultations file); a name one typo away from a kind (`consultation.csv`, `orderss.csv`) or a
 * kind with another extension (`consultations.cvs`, `orders.xlsx`) is an error that says the name
 * to use, because a file that is silently not read changes the month's figures (without the
 * consultations every order is fully silent). Other `.csv` files may be Tmall order exports; every
 * other name is listed as not read.
 */
import { nearNames } from "../records/header.js";
import { RECORD_KINDS, type RecordKind } from "../records/kinds.js";

/** The plan for a folder's files. */
export interface FolderPlan {
  /** The file of each kind given. */
  readonly kinds: ReadonlyMap<RecordKind, string>;
  /** The policy file (`policy.json`), if any. */
  readonly policy: string | null;
  /** Other `.csv` files: Tmall order exports when there is no orders file, else not read. */
  readonly others: readonly string[];
  /** Names not read (hidden names, starting with `.`, are left out). */
  readonly unread: readonly string[];
  /** Names that cannot be right: two files of one kind, a near miss of a kind's name. */
  readonly problems: readonly { readonly file: string; readonly message: string }[];
}

const POLICY = "policy";
const EXTENSIONS = ["csv", "json"];

/**
 * Plans how to read a folder with these file names.
 *
 * @example
 * planFolder(["Orders.csv", "consultation.csv", "README.md"]).problems
 * //=> [{ file: "consultation.csv", message: "is not a name this folder reads: did you mean consultations.csv? (…)" }]
 */
export function planFolder(names: readonly string[]): FolderPlan {
  const kinds = new Map<RecordKind, string>();
  let policy: string | null = null;
  const others: string[] = [];
  const unread: string[] = [];
  const problems: { file: string; message: string }[] = [];
  const oddExtension: { name: string; stem: string; ext: string }[] = [];
  const nearMisses: { name: string; near: string[]; ext: string }[] = [];
  const stems = [...RECORD_KINDS, POLICY];

  for (const name of [...names].sort()) {
    if (name.startsWith(".")) continue;
    const dot = name.lastIndexOf(".");
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
    const known = stems.find((s) => s.toLowerCase() === stem.toLowerCase());
    if (known !== undefined) {
      if (!(known === POLICY ? ext === "json" : EXTENSIONS.includes(ext))) {
        oddExtension.push({ name, stem: known, ext });
        continue;
      }
      if (known === POLICY) {
        if (policy !== null) problems.push({ file: name, message: `both ${policy} and ${name} are present; keep one` });
        else policy = name;
        continue;
      }
      const kind = known as RecordKind;
      const before = kinds.get(kind);
      if (before !== undefined) problems.push({ file: before, message: `both ${before} and ${name} are present; keep one` });
      else kinds.set(kind, name);
      continue;
    }
    const near = EXTENSIONS.includes(ext) ? nearNames(stem, stems) : [];
    if (near.length > 0) nearMisses.push({ name, near, ext });
    else if (ext === "csv") others.push(name);
    else unread.push(name);
  }

  // A near miss is an error while the name it resembles is not in the folder; beside it, it is only not read.
  const given = (stem: string): boolean => (stem === POLICY ? policy !== null : kinds.has(stem as RecordKind));
  for (const { name, stem, ext } of oddExtension) {
    if (given(stem)) unread.push(name);
    else problems.push({ file: name, message: `is not read: ${stem === POLICY ? "the policy file is policy.json" : `${/^[aeiou]/i.test(stem) ? "an" : "a"} ${stem} file is ${stem}.csv or ${stem}.json`}${ext === "xlsx" || ext === "xls" ? " (save the sheet as CSV UTF-8)" : ""}` });
  }
  for (const { name, near, ext } of nearMisses) {
    const missing = near.filter((s) => !given(s));
    if (missing.length === 0) {
      if (ext === "csv") others.push(name);
      else unread.push(name);
    } else {
      const names = missing.map((s) => (s === POLICY ? "policy.json" : `${s}.${ext}`)).join(" or ");
      problems.push({ file: name, message: `is not a name this folder reads: did you mean ${names}? (rename it; kind names are ${RECORD_KINDS.join(", ")})` });
    }
  }
  return { kinds, policy, others, unread: unread.sort(), problems };
}
