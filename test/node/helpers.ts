import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { KefuKpiError, formatIssue } from "../../src/index.js";
import { readMonthFolder, runCli } from "../../src/node/index.js";

// The temp dirs this test file made, removed once its tests have run.
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes a month folder of the given files (name → text or bytes) into a fresh temp dir. */
export function monthFolder(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir("kefu-kpi-");
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** A path in a fresh temp dir (for `--out`: the folder must exist). */
export function outPath(name: string): string {
  return join(tempDir("kefu-kpi-out-"), name);
}

/** Runs the CLI in-process, capturing what it prints and writes. */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string; files: Map<string, string> }> {
  let stdout = "";
  let stderr = "";
  const files = new Map<string, string>();
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    writeFile: async (p, chunks) => {
      let text = "";
      for await (const chunk of chunks) text += chunk;
      files.set(p, text);
    },
  });
  return { code, stdout, stderr, files };
}

export const AGENTS = `agentId,name,group,grade,hiredAt,gradeSince,probationEndsAt
A01,王芳,presale,senior,2018-03-01,2019-06-01,
A02,李娜,presale,junior,2019-11-01,2019-11-01,2020-02-01
`;

export const CONSULTATIONS = `consultationId,agentId,buyerId,startedAt,firstReplyAt,endedAt,buyerMessages,agentMessages,source
C1,A01,b1,2020-02-10 09:58:00,2020-02-10 09:59:00,2020-02-10 10:20:00,5,6,商品详情
C2,A02,b2,2020-02-11 14:00:00,2020-02-11 14:00:30,2020-02-11 14:10:00,3,3,店铺首页
`;

export const ORDERS = `orderId,buyerId,createdAt,paidAt,amount,refundAmount,remarkAgentId
O1,b1,2020-02-10 10:05:00,2020-02-10 10:06:00,128.00,0.00,
O2,b2,2020-02-12 09:00:00,2020-02-12 09:01:00,99.50,9.50,
O3,b3,2020-02-12 11:00:00,2020-02-12 11:30:00,60.00,0.00,
O4,b1,2020-02-20 11:00:00,,50.00,0.00,
`;

/** The issues reading a month folder of these files gives, formatted (none: `[]`). */
export async function folderProblems(files: Record<string, string | Uint8Array>): Promise<string[]> {
  try {
    await readMonthFolder(monthFolder(files));
  } catch (error) {
    if (error instanceof KefuKpiError) return error.issues.map(formatIssue);
    throw error;
  }
  return [];
}
