import { describe, expect, it } from "vitest";
import { AttributionPolicySchema } from "../../src/schemas.js";
import { KefuKpiError, PolicySchema, defaultPolicy, formatIssue, policyJsonSchema, resolvePolicy, safeResolvePolicy, type Issue } from "../../src/index.js";
import { KPI_DEFAULTS } from "./kpiDefaults.js";

// The defaults of the rules (docs/rules.md), written out by hand from its text (R1, R3, R4, R6 and the
// conventions). Base salaries, the assessment threshold, the probation marks and the hours
// tolerance are not in the source documents: they are this library's documented defaults (README).
const RULE_DEFAULTS = {
  // Not a rule's number: the shop's name or id, which identifies a report's shop (none by default).
  shop: null,
  timeZone: "Asia/Shanghai",
  // A wall time the clocks show twice (DST overlap) is an error unless it carries its offset.
  ambiguousTimes: "error",
  businessDayStartsAt: "00:00",
  attribution: { windowHours: 48, rule: "placeFirst", source: "chat", deductRefunds: true, excludeFlags: [], inquiryGroups: ["presale"] },
  duties: {
    paymentReminder: { smsAfterMinutes: 15, smsAboveAmount: "8.00", humanAfterMinutes: 30, owner: "onDuty" },
    returnedParcels: { inspectBy: "17:30" },
    shopReviews: { odd: [], even: [], handleWithinHours: 24 },
  },
  // Not DOMAIN numbers: the chat log's session gap and bot rule are this library's documented defaults (README).
  // The chat standards: seed 004's ten rules (`defaults: true`, test/chat), the two-minute wait (seed 004 (11)), no QC points unless asked.
  chat: { sessionGapMinutes: 30, botAccounts: ["店小蜜", "自动回复"], botMarkers: ["[自动回复]", "【自动回复】"], standards: { defaults: true, rules: [] }, waitLimitSeconds: 120, qcPoints: 0 },
  routing: {
    afterSalesSources: ["消息中心", "订单详情页", "订单列表页"],
    preSalesSources: ["店铺首页", "商品详情页"],
    recentAgentHours: 24,
    maxConcurrent: null,
    order: ["recentAgent", "onlineMatching", "onlineOther", "busyMatching", "busyOther"],
  },
  // Not DOMAIN numbers: the 80% service level and the 0.9 percentile are this library's documented
  // defaults (the contact-centre convention of 80% within the target); chats per agent from routing.maxConcurrent, else 3.
  staffing: { serviceLevel: 0.8, chatsPerAgent: null, percentile: 0.9 },
  grades: {
    levels: [
      { grade: "junior", label: "初级客服", baseSalary: "3000.00", minMonths: 3, requirements: [] },
      { grade: "intermediate", label: "中级客服", baseSalary: "3500.00", minMonths: 3, requirements: ["promotionReview"] },
      { grade: "senior", label: "高级客服", baseSalary: "4000.00", minMonths: 3, requirements: ["promotionReview"] },
      { grade: "expert", label: "资深客服", baseSalary: "4500.00", minMonths: 3, requirements: ["promotionReview"] },
    ],
    assessment: { minScore: 80, months: 3 },
    probation: { passScore: 60, earlyScore: 90 },
    ranking: { bottomN: 1 },
  },
  discipline: {
    window: "sinceHire",
    ladder: [
      { actions: ["verbalWarning"], fine: "10.00" },
      { actions: [], fine: "30.00" },
      { actions: ["dismissal"], fine: "0.00" },
    ],
    rules: {
      nonWorkActivity: { label: "上班做与工作无关的事 (QQ、私人旺旺、视频、游戏)" },
      unauthorizedSoftware: { label: "私自下载安装软件", countsWith: "nonWorkActivity" },
      serviceComplaint: { label: "因服务原因收到买家投诉" },
      late: { label: "迟到" },
      leftEarly: { label: "早退" },
      absent: { label: "旷工" },
    },
    complaintRule: "serviceComplaint",
    attendance: { late: "late", leftEarly: "leftEarly", absent: "absent", graceMinutes: 0 },
    supervisorLiability: true,
  },
  rewards: { dataErrorFound: "10.00", suggestionAdopted: "30.00" },
  roster: {
    shifts: { day: { start: "09:00", end: "17:30" }, halfDay: { start: "10:00", end: "15:30" }, night: { start: "17:00", end: "23:30" } },
    restDaysPerMonth: 4,
    hoursTolerance: 16,
    maxConsecutiveDays: 6,
    serviceHours: { start: "09:00", end: "23:30" },
    minOnShift: 1,
  },
  // R5: the seeds quote no numbers; these are the policy's own plain defaults.
  pay: {
    commission: { rate: "0.01", tiers: null, split: null },
    kpiBonus: { mode: "points", valuePerPoint: "5.00", bands: [] },
    proRata: "calendarDays",
  },
  kpi: KPI_DEFAULTS,
};

function issuesOf(input: unknown): readonly Issue[] {
  const r = safeResolvePolicy(input);
  if (r.success) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return r.issues;
}

function thrownBy(fn: () => unknown): KefuKpiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof KefuKpiError) return error;
    throw error;
  }
  throw new Error("expected a KefuKpiError");
}

describe("defaultPolicy", () => {
  it("holds every default of the rules, and nothing else", () => {
    expect(defaultPolicy()).toStrictEqual(RULE_DEFAULTS);
  });

  it("is JSON-serializable", () => {
    expect(JSON.parse(JSON.stringify(defaultPolicy()))).toStrictEqual(RULE_DEFAULTS);
  });

  it("gives a fresh object each time", () => {
    const a = defaultPolicy();
    a.attribution.windowHours = 1;
    a.duties.paymentReminder.smsAboveAmount = "1.00";
    expect(defaultPolicy().attribution.windowHours).toBe(48);
    expect(defaultPolicy().duties.paymentReminder.smsAboveAmount).toBe("8.00");
  });

  it("is what resolvePolicy gives for no input", () => {
    expect(resolvePolicy()).toStrictEqual(RULE_DEFAULTS);
    expect(resolvePolicy({})).toStrictEqual(RULE_DEFAULTS);
    expect(safeResolvePolicy(undefined)).toStrictEqual({ success: true, data: RULE_DEFAULTS });
  });
});

describe("resolvePolicy: deep merge over the defaults", () => {
  it("keeps sibling defaults of a nested setting", () => {
    const p = resolvePolicy({ attribution: { rule: "pay" } });
    expect(p.attribution).toStrictEqual({ windowHours: 48, rule: "pay", source: "chat", deductRefunds: true, excludeFlags: [], inquiryGroups: ["presale"] });
    expect(p.duties).toStrictEqual(RULE_DEFAULTS.duties);
    expect(p.timeZone).toBe("Asia/Shanghai");
  });

  it("merges two levels down", () => {
    const p = resolvePolicy({ duties: { paymentReminder: { smsAboveAmount: "10" } } });
    expect(p.duties.paymentReminder).toStrictEqual({ smsAfterMinutes: 15, smsAboveAmount: "10", humanAfterMinutes: 30, owner: "onDuty" });
    expect(p.duties.returnedParcels).toStrictEqual({ inspectBy: "17:30" });
    expect(p.attribution).toStrictEqual(RULE_DEFAULTS.attribution);
  });

  it("takes every valid value given", () => {
    const input = {
      shop: "旗舰店 S1",
      timeZone: "America/St_Johns",
      ambiguousTimes: "later" as const,
      businessDayStartsAt: "06:00",
      attribution: { windowHours: 360, rule: "place" as const, source: "chatThenRemark" as const, deductRefunds: false, excludeFlags: ["purple" as const], inquiryGroups: ["presale" as const, "aftersale" as const] },
      duties: {
        paymentReminder: { smsAfterMinutes: 5, smsAboveAmount: "0", humanAfterMinutes: 60, owner: "buyersAgent" as const },
        returnedParcels: { inspectBy: "09:00" },
        shopReviews: { odd: ["A01"], even: ["A02", "A03"], handleWithinHours: 48 },
      },
      chat: {
        sessionGapMinutes: 15,
        botAccounts: ["机器人"],
        botMarkers: [],
        standards: { defaults: false, rules: [{ id: "noRudeWords", label: "不能谩骂", category: "forbidden" as const, phrases: ["滚"] }] },
        waitLimitSeconds: null,
        qcPoints: 2,
      },
      routing: {
        afterSalesSources: ["消息中心"],
        preSalesSources: ["店铺首页", "商品详情页", "直播间"],
        recentAgentHours: 48,
        maxConcurrent: 5,
        order: ["recentAgent" as const, "onlineMatching" as const, "busyMatching" as const],
      },
      staffing: { serviceLevel: 0.9, chatsPerAgent: 4, percentile: 1 },
      grades: {
        levels: [
          { grade: "junior" as const, label: "初级", baseSalary: "2800", minMonths: 2, requirements: [] },
          { grade: "intermediate" as const, label: "中级", baseSalary: "3300", minMonths: 6, requirements: ["exam"] },
          { grade: "senior" as const, label: "高级", baseSalary: "3800", minMonths: 12, requirements: ["exam", "mentor"] },
          { grade: "expert" as const, label: "资深", baseSalary: "4300", minMonths: 0, requirements: [] },
        ],
        assessment: { minScore: 85.5, months: 6 },
        probation: { passScore: 70, earlyScore: 95 },
        ranking: { bottomN: 2 },
      },
      discipline: {
        window: "calendarMonth" as const,
        ladder: [{ actions: ["warning" as const], fine: "20" }, { actions: ["majorDemerit" as const, "dismissal" as const], fine: "50" }],
        rules: { late: { label: "迟到", ladder: [{ actions: ["noticeOfCriticism" as const], fine: "5" }] } },
        complaintRule: "late",
        attendance: { late: "late", leftEarly: null, absent: "late", graceMinutes: 5 },
        supervisorLiability: false,
      },
      rewards: { dataErrorFound: "15", suggestionAdopted: "50" },
      roster: {
        shifts: { day: { start: "08:30", end: "16:00" }, halfDay: { start: "10:00", end: "15:30" }, night: { start: "16:00", end: "23:30" } },
        restDaysPerMonth: 5,
        hoursTolerance: 8,
        maxConsecutiveDays: 5,
        serviceHours: { start: "09:00", end: "23:00" },
        minOnShift: 2,
      },
      pay: {
        commission: {
          rate: "0.015",
          tiers: { mode: "slab" as const, edge: "upperInclusive" as const, bands: [{ from: "0", rate: "0.01" }, { from: "50000.00", rate: "0.02" }] },
          split: { placeAgent: "0.7", payAgent: "0.3" },
        },
        kpiBonus: { mode: "bands" as const, valuePerPoint: "0", bands: [{ minScore: "90", amount: "500.00" }] },
        proRata: "none" as const,
      },
    };
    expect(resolvePolicy(input)).toStrictEqual({ ...input, kpi: KPI_DEFAULTS });
    expect(resolvePolicy({ attribution: { windowHours: 0.5 } }).attribution.windowHours).toBe(0.5);
  });

  it("is idempotent on a resolved policy", () => {
    const p = resolvePolicy({ attribution: { rule: "pay" }, timeZone: "UTC" });
    expect(resolvePolicy(p)).toStrictEqual(p);
  });

  it("does not change its input", () => {
    const input = { attribution: { rule: "pay" as const } };
    resolvePolicy(input);
    expect(input).toStrictEqual({ attribution: { rule: "pay" } });
  });
});

describe("resolvePolicy: invalid settings", () => {
  it.each([
    [{ attribution: { windowHours: -1 } }, ["policy", "attribution", "windowHours"]],
    [{ attribution: { windowHours: 0 } }, ["policy", "attribution", "windowHours"]],
    [{ attribution: { windowHours: 361 } }, ["policy", "attribution", "windowHours"]],
    [{ attribution: { windowHours: "48" } }, ["policy", "attribution", "windowHours"]],
    [{ attribution: { windowHours: Number.NaN } }, ["policy", "attribution", "windowHours"]],
    [{ attribution: { rule: "foo" } }, ["policy", "attribution", "rule"]],
    [{ attribution: { source: "email" } }, ["policy", "attribution", "source"]],
    [{ attribution: { deductRefunds: "yes" } }, ["policy", "attribution", "deductRefunds"]],
    [{ attribution: { excludeFlags: ["pink"] } }, ["policy", "attribution", "excludeFlags", 0]],
    [{ attribution: { excludeFlags: ["紫旗"] } }, ["policy", "attribution", "excludeFlags", 0]],
    [{ attribution: { excludeFlags: ["purple", "purple"] } }, ["policy", "attribution", "excludeFlags"]],
    [{ attribution: { excludeFlags: "purple" } }, ["policy", "attribution", "excludeFlags"]],
    [{ attribution: { inquiryGroups: ["售前"] } }, ["policy", "attribution", "inquiryGroups", 0]],
    [{ attribution: { inquiryGroups: ["presale", "presale"] } }, ["policy", "attribution", "inquiryGroups"]],
    [{ kpi: { serviceLevels: { shipping: { exemptFlags: ["grey"] } } } }, ["policy", "kpi", "serviceLevels", "shipping", "exemptFlags", 0]],
    [{ kpi: { targets: { goodReviewRate: { atLeast: "0.98", atMost: "1" } } } }, ["policy", "kpi", "targets", "goodReviewRate"]],
    [{ kpi: { targets: { goodReviewRate: {} } } }, ["policy", "kpi", "targets", "goodReviewRate"]],
    [{ kpi: { targets: { goodReviewRate: { atLeast: "0.9x" } } } }, ["policy", "kpi", "targets", "goodReviewRate", "atLeast"]],
    [{ kpi: { targets: { goodReviewRate: { atLeast: 0.98 } } } }, ["policy", "kpi", "targets", "goodReviewRate", "atLeast"]],
    [{ kpi: { targets: { goodReviewRate: { above: "0.98" } } } }, ["policy", "kpi", "targets", "goodReviewRate", "above"]],
    [{ kpi: { targets: { goodReviewRatio: { atLeast: "0.98" } } } }, ["policy", "kpi", "targets", "goodReviewRatio"]],
    [{ shop: "" }, ["policy", "shop"]],
    [{ shop: "   " }, ["policy", "shop"]],
    [{ shop: 7 }, ["policy", "shop"]],
    [{ timeZone: "Mars/Base" }, ["policy", "timeZone"]],
    [{ timeZone: "" }, ["policy", "timeZone"]],
    [{ businessDayStartsAt: "25:00" }, ["policy", "businessDayStartsAt"]],
    [{ businessDayStartsAt: "6:00" }, ["policy", "businessDayStartsAt"]],
    [{ duties: { paymentReminder: { smsAboveAmount: "-1" } } }, ["policy", "duties", "paymentReminder", "smsAboveAmount"]],
    [{ duties: { paymentReminder: { smsAboveAmount: "8.001" } } }, ["policy", "duties", "paymentReminder", "smsAboveAmount"]],
    [{ duties: { paymentReminder: { smsAboveAmount: 8 } } }, ["policy", "duties", "paymentReminder", "smsAboveAmount"]],
    [{ duties: { paymentReminder: { smsAfterMinutes: 1.5 } } }, ["policy", "duties", "paymentReminder", "smsAfterMinutes"]],
    [{ duties: { paymentReminder: { humanAfterMinutes: 0 } } }, ["policy", "duties", "paymentReminder", "humanAfterMinutes"]],
    [{ duties: { paymentReminder: { owner: "nightShift" } } }, ["policy", "duties", "paymentReminder", "owner"]],
    [{ discipline: { rules: { a: { label: "A", countsWith: "b" } } } }, ["policy", "discipline", "rules", "a", "countsWith"]],
    [{ duties: { returnedParcels: { inspectBy: "17:60" } } }, ["policy", "duties", "returnedParcels", "inspectBy"]],
    [{ attribution: null }, ["policy", "attribution"]],
    [{ grades: { assessment: { minScore: 101 } } }, ["policy", "grades", "assessment", "minScore"]],
    [{ grades: { probation: { passScore: -1 } } }, ["policy", "grades", "probation", "passScore"]],
    [{ grades: { ranking: { bottomN: 1.5 } } }, ["policy", "grades", "ranking", "bottomN"]],
    [{ discipline: { window: "weekly" } }, ["policy", "discipline", "window"]],
    [{ discipline: { attendance: { graceMinutes: -1 } } }, ["policy", "discipline", "attendance", "graceMinutes"]],
    [{ discipline: { attendance: { late: "迟到" } } }, ["policy", "discipline", "attendance", "late"]],
    [{ discipline: { ladder: [] } }, ["policy", "discipline", "ladder"]],
    [{ discipline: { ladder: [{ actions: ["flogging"] }] } }, ["policy", "discipline", "ladder", 0, "actions", 0]],
    [{ discipline: { ladder: [{ fine: "-10" }] } }, ["policy", "discipline", "ladder", 0, "fine"]],
    [{ rewards: { dataErrorFound: "ten" } }, ["policy", "rewards", "dataErrorFound"]],
    [{ roster: { restDaysPerMonth: 32 } }, ["policy", "roster", "restDaysPerMonth"]],
    [{ roster: { hoursTolerance: -1 } }, ["policy", "roster", "hoursTolerance"]],
    [{ roster: { maxConsecutiveDays: 0 } }, ["policy", "roster", "maxConsecutiveDays"]],
    [{ roster: { serviceHours: { start: "23:30", end: "09:00" } } }, ["policy", "roster", "serviceHours"]],
    [{ roster: { serviceHours: { end: "24:00" } } }, ["policy", "roster", "serviceHours", "end"]],
    [{ roster: { minOnShift: 1.5 } }, ["policy", "roster", "minOnShift"]],
    [{ roster: { shifts: { night: { end: "24:00" } } } }, ["policy", "roster", "shifts", "night", "end"]],
    [{ duties: { shopReviews: { handleWithinHours: 0 } } }, ["policy", "duties", "shopReviews", "handleWithinHours"]],
    [{ staffing: { serviceLevel: 1 } }, ["policy", "staffing", "serviceLevel"]],
    [{ staffing: { serviceLevel: 0 } }, ["policy", "staffing", "serviceLevel"]],
    [{ staffing: { percentile: 1.01 } }, ["policy", "staffing", "percentile"]],
    [{ staffing: { chatsPerAgent: 0 } }, ["policy", "staffing", "chatsPerAgent"]],
    [{ staffing: { chatsPerAgent: 2.5 } }, ["policy", "staffing", "chatsPerAgent"]],
  ])("%j is rejected at %j", (input, path) => {
    const error = thrownBy(() => resolvePolicy(input as never));
    expect(error.issues).toHaveLength(1);
    const issue = error.issues[0]!;
    expect(issue.code).toBe("invalid_policy");
    expect(issue.path).toStrictEqual(path);
    expect(issue.message.length).toBeGreaterThan(0);
    expect(error.message).toBe(formatIssue(issue));
    expect(error.message.startsWith(`${path.join(".")}: `)).toBe(true);
  });

  it("explains the window's maximum", () => {
    expect(issuesOf({ attribution: { windowHours: 361 } })[0]!.message).toContain("360 hours");
    expect(resolvePolicy({ attribution: { windowHours: 360 } }).attribution.windowHours).toBe(360);
  });

  it("names an unknown setting (a typo) at the top level and nested", () => {
    const top = issuesOf({ timeZon: "UTC" });
    expect(top).toStrictEqual([{ code: "invalid_policy", path: ["policy", "timeZon"], message: 'unknown setting "timeZon"' }]);
    const nested = issuesOf({ attribution: { windowHour: 72 } });
    expect(nested).toStrictEqual([{ code: "invalid_policy", path: ["policy", "attribution", "windowHour"], message: 'unknown setting "windowHour"' }]);
    expect(formatIssue(nested[0]!)).toBe('policy.attribution.windowHour: unknown setting "windowHour"');
    const deep = issuesOf({ duties: { returnedParcels: { inspectAt: "17:30" } } });
    expect(deep[0]!.path).toStrictEqual(["policy", "duties", "returnedParcels", "inspectAt"]);
    expect(deep[0]!.message).toContain('"inspectAt"');
    const two = issuesOf({ attribution: { windowHour: 72, rules: "pay" } });
    expect(two.map((i) => [i.path.at(-1), i.message])).toStrictEqual([
      ["windowHour", 'unknown setting "windowHour"'],
      ["rules", 'unknown setting "rules"'],
    ]);
  });

  // Found by the fuzz suite: a record of settings (kpi.minSample, discipline.rules) dropped a
  // __proto__ key unseen — `"minSample": {"__proto__": …}` ran with no minimum samples at all.
  it("names a __proto__ key in a list of settings (kpi.minSample, discipline.rules), never drops it unseen", () => {
    const cases: [string, (string | number)[]][] = [
      ['{"kpi": {"minSample": {"__proto__": {"goodReviewRate": 100}}}}', ["policy", "kpi", "minSample", "__proto__"]],
      ['{"kpi": {"minSample": {"goodReviewRate": 3, "__proto__": 3}}}', ["policy", "kpi", "minSample", "__proto__"]],
      ['{"kpi": {"targets": {"__proto__": {"atLeast": "0.5"}}}}', ["policy", "kpi", "targets", "__proto__"]],
      ['{"discipline": {"rules": {"__proto__": {"label": "x"}}}}', ["policy", "discipline", "rules", "__proto__"]],
      // Elsewhere it was named already: once, not twice.
      ['{"attribution": {"__proto__": {"windowHours": 1}}}', ["policy", "attribution", "__proto__"]],
    ];
    for (const [text, path] of cases) {
      expect(issuesOf(JSON.parse(text)), text).toStrictEqual([{ code: "invalid_policy", path, message: 'unknown setting "__proto__"' }]);
    }
  });

  // Found by the fuzz suite: a rule id that is no id said only zod's "Invalid key in record".
  it("says what a rule id must be when a key of discipline.rules is none", () => {
    expect(issuesOf({ discipline: { rules: { "no-work!": { label: "x" } } } })).toStrictEqual([
      { code: "invalid_policy", path: ["policy", "discipline", "rules", "no-work!"], message: '"no-work!" is not a rule id: expected a rule id like nonWorkActivity' },
    ]);
  });

  it("reports every invalid setting at once", () => {
    const error = thrownBy(() =>
      resolvePolicy({ timeZone: "Mars/Base", attribution: { windowHours: 0, rule: "foo" as never } }),
    );
    expect(error.issues.map((i) => i.path.join("."))).toStrictEqual([
      "policy.timeZone",
      "policy.attribution.windowHours",
      "policy.attribution.rule",
    ]);
    expect(error.message.startsWith("3 problems in the input:")).toBe(true);
    for (const i of error.issues) expect(i.code).toBe("invalid_policy");
  });

  it("rejects a policy that is not an object", () => {
    for (const input of ["x", 42, [], true]) {
      const issues = issuesOf(input);
      expect(issues[0]!.path).toStrictEqual(["policy"]);
      expect(issues[0]!.code).toBe("invalid_policy");
    }
  });
});

describe("safeResolvePolicy", () => {
  it("returns { success: false, issues } instead of throwing", () => {
    const r = safeResolvePolicy({ attribution: { windowHours: -1 } });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: "invalid_policy", path: ["policy", "attribution", "windowHours"] });
    expect(Object.keys(r).sort()).toStrictEqual(["issues", "success"]);
  });

  it("returns { success: true, data } with the resolved policy", () => {
    const r = safeResolvePolicy({ attribution: { deductRefunds: false } });
    expect(r).toStrictEqual({
      success: true,
      data: { ...RULE_DEFAULTS, attribution: { ...RULE_DEFAULTS.attribution, deductRefunds: false } },
    });
  });
});

describe("policyJsonSchema", () => {
  type Schema = { type?: string; properties?: Record<string, Schema>; [k: string]: unknown };
  const schema = policyJsonSchema() as Schema;
  const prop = (s: Schema, key: string): Schema => {
    const p = s.properties?.[key];
    if (p === undefined) throw new Error(`no property ${key}`);
    return p;
  };

  it("is a closed draft 2020-12 object schema", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.type).toBe("object");
    expect(Object.keys(schema.properties ?? {}).sort()).toStrictEqual(["ambiguousTimes", "attribution", "businessDayStartsAt", "chat", "discipline", "duties", "grades", "kpi", "pay", "rewards", "roster", "routing", "shop", "staffing", "timeZone"]);
    expect(schema.additionalProperties).toBe(false);
    expect(prop(schema, "attribution").additionalProperties).toBe(false);
  });

  it("describes attribution.windowHours with its bounds and default, and null for no window", () => {
    const windowHours = prop(prop(schema, "attribution"), "windowHours");
    expect(windowHours.anyOf).toEqual([{ type: "number", exclusiveMinimum: 0, maximum: 360 }, { type: "null" }]);
    expect(windowHours.default).toBe(48);
    expect(typeof windowHours.description).toBe("string");
  });

  it("carries every default and the closed lists of rules", () => {
    const attribution = prop(schema, "attribution");
    expect(prop(attribution, "rule").enum).toStrictEqual(["placeFirst", "place", "pay"]);
    expect(prop(attribution, "rule").default).toBe("placeFirst");
    expect(prop(attribution, "source").enum).toStrictEqual(["chat", "remark", "chatThenRemark"]);
    expect(prop(attribution, "deductRefunds").default).toBe(true);
    expect(prop(schema, "timeZone").default).toBe("Asia/Shanghai");
    expect(prop(schema, "businessDayStartsAt").default).toBe("00:00");
    const reminder = prop(prop(schema, "duties"), "paymentReminder");
    expect(prop(reminder, "smsAfterMinutes").default).toBe(15);
    expect(prop(reminder, "smsAboveAmount").default).toBe("8.00");
    expect(prop(reminder, "humanAfterMinutes").default).toBe(30);
    expect(prop(prop(prop(schema, "duties"), "returnedParcels"), "inspectBy").default).toBe("17:30");
  });

  it("makes no field required (a policy file holds only what differs)", () => {
    const walk = (s: Schema): void => {
      expect(s.required ?? []).toStrictEqual([]);
      for (const p of Object.values(s.properties ?? {})) walk(p);
    };
    walk(schema);
  });

  it("is JSON", () => {
    expect(JSON.parse(JSON.stringify(schema))).toStrictEqual(schema);
  });
});

describe("exported schemas", () => {
  it("PolicySchema and AttributionPolicySchema parse like resolvePolicy", () => {
    expect(PolicySchema.parse({})).toStrictEqual(RULE_DEFAULTS);
    expect(AttributionPolicySchema.parse(undefined)).toStrictEqual(RULE_DEFAULTS.attribution);
  });
});
