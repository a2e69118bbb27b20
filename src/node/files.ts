/**
 * Opening inputs and writing outputs safely: only regular files are read (a folder, a FIFO, a
 * device, a dangling symbolic link or a loop is a one-line error naming the path and the cause,
 * never a hang or a stack trace), and `--out` is written atomically (a temporary file in the same
 * folder, then a rename) and never over a file the command reads.
 */
import { constants, type Stats } from "node:fs";
import { lstat, open, rename, stat, unlink, type FileHandle } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { basename, dirname, join, resolve } from "node:path";

/** A file or folder that cannot be used as given: a usage problem (exit code 2), not bad data. */
export class FolderError extends Error {
  override readonly name = "FolderError";
}

/** A file the command read, by the path it was given and its identity on disk. */
export interface FileId {
  readonly path: string;
  readonly dev: number;
  readonly ino: number;
}

/** An open regular file. Close `handle` when done. */
export interface OpenFile {
  readonly handle: FileHandle;
  readonly id: FileId;
  readonly size: number;
}

/**
 * Opens a regular file for reading, or throws a {@link FolderError} naming `path` and the cause.
 *
 * The file is opened without blocking (a FIFO with no writer would otherwise wait forever), then
 * checked with `fstat`, so what is read is what was checked.
 */
export async function openRegularFile(path: string): Promise<OpenFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new FolderError(`${path}: ${await openFailure(path, error)}`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new FolderError(`${path}: ${notRegular(info)}`);
    return { handle, id: { path, dev: info.dev, ino: info.ino }, size: info.size };
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error instanceof FolderError ? error : new FolderError(`${path}: cannot be read (${codeOf(error)})`);
  }
}

/** Larger files are not read whole (a JSON file must be one string to be parsed). */
export const MAX_WHOLE_FILE = 500 << 20;

/**
 * Reads a regular file whole, or throws a {@link FolderError} (not a regular file, unreadable)
 * or returns `null` with the size when it is larger than `limit`.
 */
export async function readRegularFile(path: string, limit = MAX_WHOLE_FILE): Promise<{ bytes: Buffer; id: FileId } | { tooLarge: number }> {
  const file = await openRegularFile(path);
  try {
    if (file.size > limit) return { tooLarge: file.size };
    const bytes = await file.handle.readFile().catch((error: unknown) => {
      throw new FolderError(`${path}: cannot be read (${codeOf(error)})`);
    });
    return { bytes, id: file.id };
  } finally {
    await file.handle.close().catch(() => undefined);
  }
}

/** Checks that `path` is a folder, or throws a {@link FolderError} naming it and the cause. */
export async function checkFolder(path: string): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new FolderError(`${path}: ${await openFailure(path, error)}`);
  }
  if (!info.isDirectory()) throw new FolderError(`${path} is not a folder (${info.isFile() ? "a file" : notRegular(info)}); give the month folder`);
}

/**
 * Refuses an `--out` path that is unusable or is one of the files the command reads: a missing
 * folder, a folder, something else than a regular file, or the same file (by device and inode, so
 * a link or another spelling of the path is caught) as any of `inputs`.
 */
export async function checkOutPath(path: string, inputs: readonly FileId[]): Promise<void> {
  const folder = dirname(resolve(path));
  const parent = await stat(folder).catch(() => null);
  if (parent === null) throw new FolderError(`--out ${path}: the folder ${folder} does not exist`);
  if (!parent.isDirectory()) throw new FolderError(`--out ${path}: ${folder} is not a folder`);
  let target: Stats;
  try {
    target = await stat(path);
  } catch (error) {
    if (codeOf(error) === "ENOENT") return;
    throw new FolderError(`--out ${path}: ${await openFailure(path, error)}`);
  }
  if (target.isDirectory()) throw new FolderError(`--out ${path}: is a folder; give a file name`);
  if (!target.isFile()) throw new FolderError(`--out ${path}: ${notRegular(target)}; --out writes regular files (redirect standard output instead)`);
  const same = inputs.find((f) => f.dev === target.dev && f.ino === target.ino);
  if (same) throw new FolderError(`--out ${path}: is ${same.path}, a file this command reads; write the output to another file`);
}

/**
 * `text` as UTF-8 (lone surrogates as U+FFFD, as `Buffer.from`), encoded in one pass into room for
 * its longest encoding (three bytes a UTF-16 unit), where `Buffer.from` measures the text first.
 */
export function utf8(text: string): Buffer {
  const bytes = Buffer.allocUnsafe(text.length * 3);
  return bytes.subarray(0, bytes.write(text));
}

/**
 * Writes `chunks` to `path` atomically: into a new temporary file in the same folder, flushed to
 * disk, then renamed over `path`. On any failure the temporary file is removed and `path` is left
 * as it was.
 */
export async function writeFileAtomic(path: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  const folder = dirname(resolve(path));
  const temp = join(folder, `.${basename(path)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(temp, "wx");
  } catch (error) {
    const code = codeOf(error);
    throw new FolderError(`--out ${path}: ${code === "ENOENT" ? `the folder ${folder} does not exist` : code === "EACCES" ? `cannot write in ${folder} (permission denied)` : `cannot be written (${code})`}`);
  }
  try {
    let pending: string[] = [];
    let size = 0;
    let bytes = Buffer.allocUnsafeSlow(0); // reused: each write is awaited before the next encodes
    const flush = async (): Promise<void> => {
      const text = pending.join("");
      if (bytes.length < text.length * 3) bytes = Buffer.allocUnsafeSlow(text.length * 3);
      await handle.write(bytes, 0, bytes.write(text));
      pending = [];
      size = 0;
    };
    for await (const chunk of chunks) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= 1 << 20) await flush();
    }
    if (size > 0) await flush();
    await handle.sync();
    await handle.close();
    await rename(temp, path);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    if (error instanceof FolderError || !isSystemError(error)) throw error;
    throw new FolderError(`--out ${path}: cannot be written (${codeOf(error)})`);
  }
}

// ---------------------------------------------------------------------------------------------

async function openFailure(path: string, error: unknown): Promise<string> {
  switch (codeOf(error)) {
    case "ENOENT": {
      const link = await lstat(path).catch(() => null);
      return link?.isSymbolicLink() ? "is a symbolic link to nothing (its target does not exist)" : "does not exist";
    }
    case "ELOOP":
      return "is a symbolic link that loops (it leads back to itself)";
    case "EACCES":
    case "EPERM":
      return "cannot be read (permission denied)";
    case "ENOTDIR":
      return "does not exist (a part of the path is a file, not a folder)";
    case "EISDIR":
      return "is a folder, not a file";
    case "ENAMETOOLONG":
      return "the path is too long";
    default:
      return `cannot be opened (${codeOf(error)})`;
  }
}

function notRegular(info: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (info.isDirectory()) return "is a folder, not a file";
  if (info.isFIFO()) return "is a named pipe (FIFO), not a regular file";
  if (info.isSocket()) return "is a socket, not a regular file";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "is a device, not a regular file";
  return "is not a regular file";
}

function isSystemError(error: unknown): boolean {
  return typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string";
}

function codeOf(error: unknown): string {
  return isSystemError(error) ? (error as { code: string }).code : error instanceof Error ? error.message : String(error);
}
