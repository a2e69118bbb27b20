import { describe, expect, it } from "vitest";
import {
  AttributionPolicySchema,
  KefuKpiError,
  PolicySchema,
  defaultPolicy,
  formatIssue,
  policyJsonSchema,
  resolvePolicy,
  safeResolvePolicy,
  type Issue,
} from "../../src/index.js";
import { KPI_DEFAULTS } from "./kpiDefaults.js";

// The defaults of DOMAIN.md, written out by hand from its text (R1 and the conventions).
const DOMAIN_DEFAULTS = {
  timeZone: "Asia/Shanghai",
  businessDayStartsAt: "00:00",
  attribution: { windowHours: 48, rule: "placeFirst", source: "chat", deductRefunds: true },
  duties: {
    paymentReminder: { smsAfterMinutes: 15, smsAboveAmount: "8.00", humanAfterMinutes: 30 },
    returnedParcels: { inspectBy: "17:30" },
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
  it("holds every DOMAIN default, and nothing else", () => {
    expect(defaultPolicy()).toStrictEqual(DOMAIN_DEFAULTS);
  });

  it("is JSON-serializable", () => {
    expect(JSON.parse(JSON.stringify(defaultPolicy()))).toStrictEqual(DOMAIN_DEFAULTS);
  });

  it("gives a fresh object each time", () => {
    const a = defaultPolicy();
    a.attribution.windowHours = 1;
    a.duties.paymentReminder.smsAboveAmount = "1.00";
    expect(defaultPolicy().attribution.windowHours).toBe(48);
    expect(defaultPolicy().duties.paymentReminder.smsAboveAmount).toBe("8.00");
  });

  it("is what resolvePolicy gives for no input", () => {
    expect(resolvePolicy()).toStrictEqual(DOMAIN_DEFAULTS);
    expect(resolvePolicy({})).toStrictEqual(DOMAIN_DEFAULTS);
    expect(safeResolvePolicy(undefined)).toStrictEqual({ success: true, data: DOMAIN_DEFAULTS });
  });
});

describe("resolvePolicy: deep merge over the defaults", () => {
  it("keeps sibling defaults of a nested setting", () => {
    const p = resolvePolicy({ attribution: { rule: "pay" } });
    expect(p.attribution).toStrictEqual({ windowHours: 48, rule: "pay", source: "chat", deductRefunds: true });
    expect(p.duties).toStrictEqual(DOMAIN_DEFAULTS.duties);
    expect(p.timeZone).toBe("Asia/Shanghai");
  });

  it("merges two levels down", () => {
    const p = resolvePolicy({ duties: { paymentReminder: { smsAboveAmount: "10" } } });
    expect(p.duties.paymentReminder).toStrictEqual({ smsAfterMinutes: 15, smsAboveAmount: "10", humanAfterMinutes: 30 });
    expect(p.duties.returnedParcels).toStrictEqual({ inspectBy: "17:30" });
    expect(p.attribution).toStrictEqual(DOMAIN_DEFAULTS.attribution);
  });

  it("takes every valid value given", () => {
    const input = {
      timeZone: "America/St_Johns",
      businessDayStartsAt: "06:00",
      attribution: { windowHours: 360, rule: "place" as const, source: "chatThenRemark" as const, deductRefunds: false },
      duties: {
        paymentReminder: { smsAfterMinutes: 5, smsAboveAmount: "0", humanAfterMinutes: 60 },
        returnedParcels: { inspectBy: "09:00" },
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
    [{ timeZone: "Mars/Base" }, ["policy", "timeZone"]],
    [{ timeZone: "" }, ["policy", "timeZone"]],
    [{ businessDayStartsAt: "25:00" }, ["policy", "businessDayStartsAt"]],
    [{ businessDayStartsAt: "6:00" }, ["policy", "businessDayStartsAt"]],
    [{ duties: { paymentReminder: { smsAboveAmount: "-1" } } }, ["policy", "duties", "paymentReminder", "smsAboveAmount"]],
    [{ duties: { paymentReminder: { smsAboveAmount: "8.001" } } }, ["policy", "duties", "paymentReminder", "smsAboveAmount"]],
    [{ duties: { paymentReminder: { smsAboveAmount: 8 } } }, ["policy", "duties", "paymentReminder", "smsAboveAmount"]],
    [{ duties: { paymentReminder: { smsAfterMinutes: 1.5 } } }, ["policy", "duties", "paymentReminder", "smsAfterMinutes"]],
    [{ duties: { paymentReminder: { humanAfterMinutes: 0 } } }, ["policy", "duties", "paymentReminder", "humanAfterMinutes"]],
    [{ duties: { returnedParcels: { inspectBy: "17:60" } } }, ["policy", "duties", "returnedParcels", "inspectBy"]],
    [{ attribution: null }, ["policy", "attribution"]],
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
      data: { ...DOMAIN_DEFAULTS, attribution: { ...DOMAIN_DEFAULTS.attribution, deductRefunds: false } },
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
    expect(Object.keys(schema.properties ?? {}).sort()).toStrictEqual(["attribution", "businessDayStartsAt", "duties", "kpi", "timeZone"]);
    expect(schema.additionalProperties).toBe(false);
    expect(prop(schema, "attribution").additionalProperties).toBe(false);
  });

  it("describes attribution.windowHours with its bounds and default", () => {
    const windowHours = prop(prop(schema, "attribution"), "windowHours");
    expect(windowHours.type).toBe("number");
    expect(windowHours.maximum).toBe(360);
    expect(windowHours.exclusiveMinimum).toBe(0);
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
    expect(PolicySchema.parse({})).toStrictEqual(DOMAIN_DEFAULTS);
    expect(AttributionPolicySchema.parse(undefined)).toStrictEqual(DOMAIN_DEFAULTS.attribution);
  });
});
