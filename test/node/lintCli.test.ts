// `kefu-kpi lint <folder>`: the chat standards (R8) over the folder's chat log, in every format,
// one agent's with --agent, the period's edges, and the usage errors.
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/node/csv.js";
import { ChatReviewSchema } from "../../src/schemas.js";
import { cli, monthFolder } from "./helpers.js";

const sample = new URL("../../fixtures/sample-month/", import.meta.url).pathname;

const AGENTS = "agentId,name,group,grade,hiredAt,accounts\nA01,王芳,presale,junior,2019-01-01,店:芳芳\nA02,李娜,presale,junior,2019-01-01,店:娜娜\n";
// No orders: the month is the one most agent messages fall in (February: 3 of 4).
const MESSAGES = [
  "at,from,to,text",
  "2020-02-10 09:00:00,b1,店:芳芳,在吗",
  "2020-02-10 09:00:10,店:芳芳,b1,你好，今天发货哦",
  "2020-02-10 09:01:00,b2,店:娜娜,有货吗",
  "2020-02-10 09:04:00,店:娜娜,b2,您好，有的",
  "2020-02-10 09:05:00,b2,店:娜娜,<b>好</b>",
  "2020-02-10 09:05:30,店:娜娜,b2,<script>不行</script>",
  "2020-03-01 00:00:00,b1,店:芳芳,在吗",
  "2020-03-01 00:00:05,店:芳芳,b1,恩",
].join("\n");

describe("kefu-kpi lint", () => {
  const dir = monthFolder({ "agents.csv": AGENTS, "messages.csv": MESSAGES });

  it("prints every finding as JSON of the chat section's shape, the month chosen by the agents' messages", async () => {
    const { code, stdout, stderr } = await cli("lint", dir, "--format", "json");
    expect(code).toBe(0);
    expect(stderr).toBe("kefu-kpi: warning: consultations: none given; the 3 consultations are made from the chat log (messages)\n");
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ kind: "kefu-kpi/chat-review", version: 1, period: "2020-02" });
    const review = ChatReviewSchema.parse(json);
    expect(review.lines.map((l) => [l.agentId, l.ruleId, l.match ?? l.waitSeconds])).toEqual([
      ["A01", "addressAsNin", "你"],
      ["A01", "noDatePromises", "今天发货"],
      ["A01", "bannedInterjections", "哦"],
      ["A02", "keptWaiting", 180],
      ["A02", "noBuWords", "不行"],
    ]);
    expect(review.agents.map((a) => [a.agentId, a.messages, a.findings])).toEqual([
      ["A01", 1, 3],
      ["A02", 2, 2],
    ]);
  });

  it("takes a period and one agent", async () => {
    const march = JSON.parse((await cli("lint", dir, "--period", "2020-03", "--format", "json")).stdout);
    expect(march.lines.map((l: { match: string }) => l.match)).toEqual(["恩"]);
    const a02 = JSON.parse((await cli("lint", dir, "--agent", "A02", "--format", "json")).stdout);
    expect(a02.agentId).toBe("A02");
    expect(a02.lines.map((l: { agentId: string }) => l.agentId)).toEqual(["A02", "A02"]);
    expect(a02.rules.find((r: { id: string }) => r.id === "addressAsNin").findings).toBe(0);
    expect([a02.messages, a02.findings]).toEqual([2, 2]);
  });

  it("writes one CSV row per finding (with the byte-order mark), a table and an HTML page that escapes the messages", async () => {
    const csv = (await cli("lint", dir, "--format", "csv")).stdout;
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual(["at", "agentId", "buyerId", "consultationId", "ruleId", "label", "match", "start", "end", "suggestion", "waitSeconds", "text"]);
    expect(rows).toHaveLength(1 + 5);
    expect(rows[1]).toEqual(["2020-02-10T09:00:10+08:00", "A01", "b1", "A01/b1/2020-02-10 09:00", "addressAsNin", "称呼客户为“您”，切勿称“你”", "你", "0", "1", "您", "", "你好，今天发货哦"]);
    const table = (await cli("lint", dir, "--lang", "en", "--width", "80")).stdout;
    expect(table).toContain("Chat standards: 3 agent messages checked, 5 findings");
    expect(table).toContain("    · keptWaiting  waited 180 s → 及时回复顾客");
    expect(Math.max(...table.split("\n").map((l) => l.length))).toBeLessThanOrEqual(80);
    const html = (await cli("lint", dir, "--format", "html")).stdout;
    expect(html).toContain("&lt;script&gt;<mark>不行</mark>&lt;/script&gt;");
    expect(html).not.toContain("<script>");
  });

  it("lints the sample month as its README derives it", async () => {
    const { code, stdout } = await cli("lint", sample, "--format", "json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ period: "2020-02", messages: 25, findings: 14 });
  });

  it("refuses what it cannot do, as usage errors", async () => {
    const noLog = monthFolder({ "agents.csv": AGENTS });
    expect(await cli("lint", noLog)).toMatchObject({ code: 2, stderr: expect.stringContaining("lint checks the chat log: the folder has no messages file") });
    expect(await cli("lint", dir, "--agent", "A99")).toMatchObject({ code: 2, stderr: expect.stringContaining("--agent A99 is not in the agents file") });
    const withBot = monthFolder({ "agents.csv": `${AGENTS}BOT,店小蜜,店小蜜,,,店:店小蜜\n`, "messages.csv": MESSAGES });
    expect(await cli("lint", withBot, "--agent", "BOT")).toMatchObject({ code: 2, stderr: expect.stringContaining("--agent BOT is a bot (group bot): the chat standards check the agents' lines") });
    expect(await cli("lint", dir, "--month", "2020-02")).toMatchObject({ code: 2, stderr: expect.stringContaining("lint takes --period, not --month") });
    expect(await cli("lint", dir, "--format", "xml")).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be table, json, csv or html, not "xml"') });
    expect(await cli("lint", dir, "--period", "2020-13")).toMatchObject({ code: 2 });
    expect(await cli("lint", dir, "--format", "json", "--lang", "zh")).toMatchObject({ code: 2 });
  });

  it("names the file, row and field of a message it cannot link (bad data, exit 1)", async () => {
    const bad = monthFolder({ "agents.csv": AGENTS, "messages.csv": MESSAGES.replace("2020-02-10 09:01:00,b2,店:娜娜", "2020-02-10 09:01:00,b2,b3") });
    const { code, stderr } = await cli("lint", bad);
    expect(code).toBe(1);
    expect(stderr).toContain(`messages.csv row 4, from: neither "b2" nor "b3" is an agent's sub-account`);
  });
});
