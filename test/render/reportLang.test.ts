// The report a team lead reads: in Chinese (the default for a shop in a mainland China zone) with no
// English word but the ids, or in English; no line wider than the terminal; one number format; and
// no two statements that contradict each other.
import { describe, expect, it } from "vitest";
import { assignDuties, buildMonthReport, checkServiceLevels, type KefuKpiError, type MonthReport } from "../../src/index.js";
import { decodeMonth } from "../../src/records/month.js";
import { defaultLang, displayWidth, renderDutySheet, renderKpiSection, renderMonthHtml, renderMonthTable, renderPayTable, renderPeopleTable, wrapText } from "../../src/render/index.js";
import { buildDutySheet } from "../../src/index.js";
import { breachReason, message, serviceLevelRule } from "../../src/render/lang.js";
import { folderRecords } from "../folderRecords.js";
import { cli } from "../node/helpers.js";

const dir = new URL("../../fixtures/sample-month/", import.meta.url).pathname;
const input = folderRecords(dir);
const report = buildMonthReport(input, {}, { month: "2020-02" });

/** The table report as the CLI prints it. */
const whole = (r: MonthReport, lang: "zh" | "en", width?: number): string =>
  renderMonthTable(r, { lang, width }) + renderPeopleTable(r.people, { lang, width }) + renderPayTable(r, { lang, width });

const widest = (text: string): number => Math.max(...text.split("\n").map(displayWidth));

// The Latin words a Chinese report may show: ids (A01, O0328, CE04a, SR02, 2020-W06's W06), the
// program and its commands, the zone, policy keys (a.b.c) and what the shop's own policy labels say (QQ).
// An attendance line's id (A01/2020-02-17/迟到) reads as its Latin start.
const ALLOWED = /^(?:[A-Z]{1,4}\d+[a-z]?|[A-Z]\d+\/\d{4}-\d\d-\d\d\/|kefu-kpi|KPI|ISO|explain|agent|Asia\/Shanghai|QQ|[a-z]+(?:\.[a-zA-Z]+)+|gradeSince|probationEndsAt|maxResponseSeconds)$/;

describe("the Chinese report (lang zh)", () => {
  const text = whole(report, "zh");

  it("is the default for the sample month (policy zone Asia/Shanghai) and for the zones of mainland China only", () => {
    expect(report.policy.timeZone).toBe("Asia/Shanghai");
    expect(renderMonthTable(report)).toBe(renderMonthTable(report, { lang: "zh" }));
    expect(defaultLang("Asia/Shanghai")).toBe("zh");
    expect(defaultLang("Asia/Urumqi")).toBe("zh");
    expect(defaultLang("Asia/Taipei")).toBe("en");
    expect(defaultLang("Europe/Berlin")).toBe("en");
    const berlin = { ...report, policy: { ...report.policy, timeZone: "Europe/Berlin" } };
    expect(renderMonthTable(berlin)).toBe(renderMonthTable(berlin, { lang: "en" }));
  });

  it("has no English word but the ids, and no message left untranslated", () => {
    const words = [...text.matchAll(/[A-Za-z][A-Za-z0-9./-]*/g)].map((m) => m[0].replace(/[.]$/, ""));
    // The chat section's ids (rules, buyers) and the agents' own words quoted from the chat log are data.
    const chat = report.chat!;
    const data = new Set([
      ...chat.rules.map((r) => r.id),
      ...chat.lines.flatMap((l) => [l.buyerId, ...(l.text.match(/[A-Za-z][A-Za-z0-9./-]*/g) ?? [])]),
      // The lost inquiries' buyers (nr01, edge-window-past) are data too.
      ...report.lostInquiries!.items.map((i) => i.buyerId),
    ]);
    expect(data.size).toBeGreaterThan(10);
    expect(words.filter((w) => !ALLOWED.test(w) && !data.has(w))).toEqual([]);
    expect(text).not.toContain("原文");
  });

  it("says the money unit, and shows every score with two decimals", () => {
    expect(text.split("\n")[0]).toContain("金额单位：元");
    expect(text).toContain("2020-01 得分 79.50 低于 80.00");
    expect(text).toContain("1. A02 100.00");
    expect(text).not.toMatch(/得分 \d+ |得分 \d+\.\d(?!\d)/);
  });

  it("does not contradict itself: a dismissed agent is dismissed, not up for early regularization", () => {
    const a03 = text.split("\n").find((l) => /^A03 .*初级客服/.test(l))!;
    expect(a03).toContain("已开除 2020-02-26");
    expect(a03).not.toContain("转正");
    // The only reason A03 is not promoted is the dismissal.
    expect(a03).toMatch(/否\s+已于 2020-02-26 开除$/);
  });

  it("labels the order statuses as statuses, explains why sameDaySales exceeds agentSales, and the scorecard reads like the table", () => {
    expect(text).not.toContain("询单分类");
    expect(text).toMatch(/^订单状态：客服协助 171 单，静默下单 22 单，全静默 43 单/m);
    const a04 = report.agents.find((a) => a.agentId === "A04")!;
    expect(Number(a04.kpis.sameDaySales.value)).toBeGreaterThan(Number(a04.kpis.agentSales.value));
    expect(text).toMatch(/^注：当天付款销售额.*可以大于客服销售额（A04、A05）$/m);
    // 0.9500 in the scorecard is 95.00% in the metric table.
    expect(text).toContain("客服好评率 95.00%→80");
  });

  it("translates the service levels and their breaches", () => {
    expect(text).toMatch(/^首次响应 +252 +245 +97\.22% +7 +09:00–23:00 进线的咨询 60 秒内首次回复$/m);
    expect(text).toContain("  首次响应 CAS09（A05）：首次回复于 2020-02-06 13:05:01，晚 1 秒");
    expect(text).toContain("  夜间咨询 CNR01（A01）：未首次回复（应于 2020-02-03 09:30:00 前）");
  });

  it("says when a violation counts on another rule's ladder, and names a further limit of a service level", () => {
    expect(text).toMatch(/^2020-02-10 +V06 +A05 +本人 +私自下载安装软件（与同一条款合并计次） +2 +2 /m);
    expect(whole(report, "en")).toMatch(/^2020-02-10 +V06 +A05 +violator +unauthorizedSoftware \(counted/m);
    const also = buildMonthReport(input, { kpi: { serviceLevels: { firstReply: { also: [{ label: "淘宝 5 分钟", maxSeconds: 300 }] } } } }, { month: "2020-02" });
    expect(whole(also, "zh")).toMatch(/^首次响应（淘宝 5 分钟） +252 +248 +98\.41% +4 +09:00–23:00 进线的咨询 300 秒内首次回复$/m);
    expect(whole(also, "en")).toMatch(/^firstReply \(淘宝 5 分钟\) +252 +248 /m);
  });
});

describe("the English report (lang en)", () => {
  const text = whole(report, "en");

  it("has English headings and the ids, and the same figures", () => {
    expect(text).toMatch(/^agent +name +group +orders +gross +refunds +net/m);
    expect(text).toMatch(/^replyRate +95\.83%/m);
    expect(text).toContain("2020-01 score 79.50 < 80.00");
    expect(text).not.toMatch(/工号|底薪|级别/);
    for (const s of report.pay) expect(text).toContain(s.total);
  });
});

describe("the width", () => {
  it.each([["zh", 120], ["en", 120], ["zh", 80], ["en", 80], ["zh", 60]] as const)("%s at %i columns: no line is wider, nothing is lost", (lang, width) => {
    const text = whole(report, lang, width);
    expect(widest(text)).toBeLessThanOrEqual(width);
    // Wrapping and splitting keep every figure: each agent's net sales and pay total are still there.
    for (const a of report.agents) expect(text).toContain(a.sales.net);
    for (const s of report.pay) expect(text).toContain(s.total);
  });

  it("without a width, fits 120 columns (the widest line of the old report was 387)", () => {
    expect(widest(whole(report, "zh"))).toBeLessThanOrEqual(120);
    expect(widest(whole(report, "en"))).toBeLessThanOrEqual(120);
  });

  it("a KPI table of many agents is split into tables that each repeat the metric column", () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ ...report.agents[i % report.agents.length]!, agentId: `B${String(i + 1).padStart(2, "0")}` }));
    const text = renderKpiSection({ ...report, agents: many }, { lang: "zh", width: 100 });
    expect(widest(text)).toBeLessThanOrEqual(100);
    const headers = text.split("\n").filter((l) => l.startsWith("指标 "));
    expect(headers.length).toBeGreaterThan(1);
    for (const a of many) expect(headers.some((h) => h.includes(a.agentId))).toBe(true);
  });

  it("a language or width of another form is an error naming the option", () => {
    const issues = (options: object): string[] => {
      try {
        renderMonthTable(report, options);
      } catch (error) {
        return (error as KefuKpiError).issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      }
      return [];
    };
    expect(issues({ lang: "fr" })).toEqual(['options.lang: expected "zh" or "en", got the text "fr"']);
    expect(issues({ width: 30 })).toEqual(["options.width: expected a whole number of columns, at least 40, got the number 30"]);
    expect(issues({ width: 80.5, lang: null })).toHaveLength(2);
    expect(issues({ width: 40 })).toEqual([]);
  });

  it("wraps text between words and Chinese characters, never starting a line with a closing mark", () => {
    const text = "2020-01 没有考核得分；2020-02 得分 50.00 低于 80.00；中级客服的晋升考核未通过（2020-02-20）";
    for (let width = 8; width <= 40; width++) {
      const lines = wrapText(text, width);
      expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(width);
      expect(lines.join("").replace(/ /g, "")).toBe(text.replace(/ /g, ""));
      expect(lines.some((l) => /^[，。；：、）]/.test(l))).toBe(false);
    }
    expect(wrapText("first reply within 60 s", 12)).toEqual(["first reply", "within 60 s"]);
  });
});

describe("the messages of the rule families in Chinese", () => {
  it("translates the warnings of a month with no files and no orders in the month", () => {
    const empty = buildMonthReport({}, {}, { month: "2020-02" });
    expect(empty.warnings.length).toBeGreaterThanOrEqual(4);
    // Only the kinds' ids (the file names a lead looks for) stay in Latin letters.
    const kinds = /orders|consultations|agents|tickets|afterSales|reviews|qc|calls|violations|rewards|shipments|orderAnomalies|complaints|shopReviews/g;
    for (const w of empty.warnings) expect(message(w, "zh").replace(kinds, ""), w).not.toMatch(/原文|[a-z]{2,}/);
    expect(message("no orders (file) given: the month has no sales", "zh")).toBe("未提供订单（orders）：本月没有销售");
  });

  it("shows an unknown message in English behind 原文 rather than dropping it", () => {
    expect(message("something new", "zh")).toBe("原文：something new");
    expect(message("something new", "en")).toBe("something new");
  });
});

describe("the HTML page and the duty sheet", () => {
  it("the page is in the report's language, its figures the report's", () => {
    const zh = renderMonthHtml(report);
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain("<th>工号</th><th>姓名</th>");
    expect(zh).not.toContain("agent</th>");
    const en = renderMonthHtml(report, [], { lang: "en" });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("<th>agent</th><th>name</th>");
    report.pay.forEach((s, i) => {
      expect(zh).toContain(`<td class="num" data-json="pay.${i}.total">${s.total}</td>`);
      expect(en).toContain(`<td class="num" data-json="pay.${i}.total">${s.total}</td>`);
    });
  });

  it("the duty sheet counts in the singular and says when an agent with duties is off that day", () => {
    const day = buildDutySheet(input, {}, "2020-02-27");
    const sheet = renderDutySheet(day, { lang: "en" });
    expect(sheet).not.toMatch(/\b1 duties/);
    // A03 was dismissed by the ladder on the 26th: rostered on the 27th, not on shift, owning only the address check of its payment.
    expect(sheet).toMatch(/^A03: 1 duty \(dismissed on 2020-02-26; the address checks follow the payAgent whatever the shift\)$/m);
    expect(day.shifts.map((s) => s.agentId)).not.toContain("A03");
    expect(day.dismissed).toEqual([{ agentId: "A03", dismissedAt: "2020-02-26T16:40:00+08:00" }]);
    expect(sheet).toMatch(/^A01: 2 duties \(off this day; the address checks follow the payAgent whatever the shift\)$/m);
    const zh = renderDutySheet(day);
    expect(zh).toMatch(/^A01：2 项职责（当天休息；核对地址随落实付款客服，不看排班）$/m);
    expect(zh).toContain("  ! 退货包裹 P05（2020-02-27 09:30:00 起）：2020-02-27（工作日）没有排晚班的客服");
    const words = [...zh.matchAll(/[A-Za-z][A-Za-z0-9./-]*/g)].map((m) => m[0]);
    expect(words.filter((w) => !ALLOWED.test(w))).toEqual([]);
    expect(zh).not.toContain("原文");
    expect(zh).toContain("! 排班：A03 于 2020-02-26 开除后仍排了班（2020-02-27）：这些天不分配职责，也不算在班");
  });

  it("the duty sheet says in Chinese who owes a reminder under the buyer's-agent rule, and why it fell back", () => {
    const policy = { duties: { paymentReminder: { owner: "buyersAgent" as const } } };
    const zh = renderDutySheet(buildDutySheet(input, policy, "2020-02-21"), { width: 200 });
    expect(zh).not.toContain("原文");
    expect(zh).toMatch(/R1 催付（谁的顾客谁跟进）：下单 30 分钟未付款；落实下单客服，当天或 7 天内下一个班次结束前|R1 催付：下单 30 分钟未付款；没有落实下单客服（下单前未接待）/);
    const words = [...zh.matchAll(/[A-Za-z][A-Za-z0-9./-]*/g)].map((m) => m[0]);
    expect(words.filter((w) => !ALLOWED.test(w))).toEqual([]);
    // The buyer's agent with no shift in the 7 days: the on-duty rule, and why.
    const away = buildDutySheet(
      {
        agents: [{ agentId: "A01" }, { agentId: "A02" }],
        roster: [{ agentId: "A01", date: "2020-02-21", shift: "night" }],
        consultations: [{ consultationId: "C1", agentId: "A02", buyerId: "b1", startedAt: "2020-02-21 10:00", firstReplyAt: "2020-02-21 10:00", endedAt: "2020-02-21 10:10" }],
        orders: [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-21 10:20", amount: "5" }],
      },
      policy,
      "2020-02-21",
    );
    expect(away.agents.map((a) => [a.agentId, a.duties.map((d) => d.ref)])).toEqual([["A01", ["O1"]]]);
    expect(renderDutySheet(away, { width: 200 })).toContain(
      "R1 催付：下单 30 分钟未付款；落实下单客服 A02 自 2020-02-21 起 7 天内无班次：周一至周五晚班、周六周日当班客服",
    );
    // A decoded month given no placeAgents: the rule says so.
    const none = assignDuties(decodeMonth({ roster: [{ agentId: "A01", date: "2020-02-21", shift: "night" }], orders: [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-21 10:20", amount: "5" }] }, policy));
    expect(renderDutySheet({ ...away, agents: [{ agentId: "A01", duties: none.duties }] }, { width: 200 })).toContain("R1 催付：下单 30 分钟未付款；未提供订单的落实下单客服：周一至周五晚班、周六周日当班客服");
  });
});

describe("the CLI", () => {
  it("report --lang en|zh and --width; wrong values are usage errors; json and csv keep the English ids", async () => {
    const zh = await cli("report", dir);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain("kefu-kpi 客服月报 2020-02");
    const en = await cli("report", dir, "--lang", "en", "--width", "90");
    expect(en.code).toBe(0);
    expect(en.stdout).toContain("kefu-kpi month report 2020-02");
    expect(widest(en.stdout)).toBeLessThanOrEqual(90);
    const bad = await cli("report", dir, "--lang", "fr");
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--lang must be zh or en, not "fr"')]);
    const narrow = await cli("report", dir, "--width", "20");
    expect([narrow.code, narrow.stderr]).toEqual([2, expect.stringContaining('--width must be a whole number of columns from 40 to 1000, not "20"')]);
    const json = await cli("report", dir, "--format", "json", "--lang", "zh");
    expect([json.code, json.stderr]).toEqual([2, expect.stringContaining("--format json keeps the English ids for apps")]);
    const explain = await cli("explain", dir, "--agent", "A01", "--lang", "zh");
    expect([explain.code, explain.stderr]).toEqual([2, expect.stringContaining("--lang and --width go with report, kpi, trend, duties, lint, routing and staffing, not explain")]);
  });

  it("kpi --lang en prints the English table; by default the policy zone's Chinese", async () => {
    const zh = await cli("kpi", dir);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^在线客服回复率 /m);
    const en = await cli("kpi", dir, "--lang", "en");
    expect(en.stdout).toMatch(/^replyRate /m);
  });
});

describe("the service-level rules in Chinese", () => {
  it("translates every check's rule and breach, whole or fractional limits, with or without its input", () => {
    const kpi = {
      serviceLevels: {
        firstReply: { maxSeconds: 45.5 },
        ticketReply: { maxMinutes: 90.5 },
        afterSaleReview: { maxHours: 12.5 },
        refundAfterReceipt: { maxHours: 36 },
        presaleWait: { maxWaitSeconds: 90 },
        orderAnomaly: { maxHours: 1.5 },
        shipping: { maxHours: 48.5, from: "created" as const },
        pickupScan: { maxHours: 72, exemptFlags: ["green" as const, "blue" as const] },
      },
    };
    const given = checkServiceLevels(
      {
        consultations: [{ consultationId: "C1", agentId: "A", buyerId: "b", startedAt: "2020-02-03 10:00", firstReplyAt: "", endedAt: "2020-02-03 10:00", maxResponseSeconds: 0 }],
        tickets: [{ ticketId: "T1", agentId: "A", createdAt: "2020-02-03 10:00" }],
        afterSales: [{ afterSaleId: "S1", agentId: "A", appliedAt: "2020-02-03 10:00", goodsReceivedAt: "2020-02-04 10:00" }],
        orders: [{ orderId: "O1", buyerId: "b", createdAt: "2020-02-03 10:00", paidAt: "2020-02-03 10:01", amount: "1.00" }],
        shipments: [{ orderId: "O1", shippedAt: "2020-02-06 10:00", pickedUpAt: "2020-02-08 10:00" }],
        orderAnomalies: [{ orderId: "O1", raisedAt: "2020-02-03 10:00" }],
      },
      { kpi },
      { period: "2020-02" },
    );
    const none = checkServiceLevels({}, { kpi }, { period: "2020-02" });
    for (const c of [...given, ...none]) {
      // A field a rule names (pickedUpAt, maxResponseSeconds) is shown by its id, in brackets.
      expect(serviceLevelRule(c.rule, "zh").replace(/（[A-Za-z]+）/g, ""), c.rule).not.toMatch(/原文|[a-z]{2,}/);
      for (const b of c.breaches) expect(breachReason(b.reason, "zh"), b.reason).not.toMatch(/原文|[a-z]{3,}/);
    }
    expect(given.filter((c) => c.status === "ok").map((c) => c.id)).toEqual(["firstReply", "ticketReply", "afterSaleReview", "refundAfterReceipt", "presaleWait", "orderAnomaly", "shipping", "pickupScan"]);
    expect(serviceLevelRule(given.find((c) => c.id === "shipping")!.rule, "zh")).toBe("已付款订单在下单后 48.5 小时内发货（绿旗订单除外）");
    expect(serviceLevelRule(given.find((c) => c.id === "pickupScan")!.rule, "zh")).toBe("已付款订单在付款后 72 小时内揽收（绿旗、蓝旗订单除外）");
  });
});
