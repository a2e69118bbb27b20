// Opening files: only regular files, whole-file reads bounded.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FolderError, checkOutPath, openRegularFile, readRegularFile } from "../../src/node/files.js";

const dir = mkdtempSync(join(tmpdir(), "kefu-kpi-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("files", () => {
  it("reads a file whole up to a limit, and says how large a larger one is", async () => {
    writeFileSync(join(dir, "a.json"), "[1,2,3]");
    const small = await readRegularFile(join(dir, "a.json"));
    expect("bytes" in small && small.bytes.toString()).toBe("[1,2,3]");
    expect(await readRegularFile(join(dir, "a.json"), 3)).toEqual({ tooLarge: 7 });
  });

  it("refuses what is not a regular file, naming it", async () => {
    await expect(openRegularFile("/dev/null")).rejects.toThrow(new FolderError("/dev/null: is a device, not a regular file"));
    await expect(openRegularFile(dir)).rejects.toThrow(new FolderError(`${dir}: is a folder, not a file`));
    await expect(openRegularFile(join(dir, "a.json", "x"))).rejects.toThrow(`${join(dir, "a.json", "x")}: does not exist (a part of the path is a file, not a folder)`);
  });

  it("refuses --out onto a device: it writes regular files", async () => {
    await expect(checkOutPath("/dev/null", [])).rejects.toThrow("--out /dev/null: is a device, not a regular file; --out writes regular files (redirect standard output instead)");
  });
});
