// The chat log (R8): the messages kind, the agents' sub-accounts, and the consultations derived
// from messages — by hand-made examples, by property (row order; random conversations rebuilt), the
// same attribution as the equivalent consultations file, and the cross-check when both are given.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attributeSales, type ConsultationLike } from "../../src/attribution/attributeSales.js";
import { formatIssue } from "../../src/errors.js";
import { decodeMonth } from "../../src/records/month.js";
import { decodedRecords } from "../../src/records/view.js";
import { safeRun } from "./helpers.js";
import { sampleRecords } from "../../src/sample/index.js";

const SHOP = "某某旗舰店";
const WANG = `${SHOP}:小王`;
const WANG2 = `${SHOP}:小王2`;
const LI = `${SHOP}:小李`;
const agents = [
  { agentId: "A01", accounts: `${WANG};${WANG2}` },
  { agentId: "A02", accounts: LI },
];

type Msg = { at: string; from: string; to: string; text: string; consultationId?: string };
const msg = (at: string, from: string, to: string, text = "…", consultationId?: string): Msg => ({ at, from, to, text, ...(consultationId === undefined ? {} : { consultationId }) });

/** The derived consultations as plain records (wall times in the shop zone, Asia/Shanghai by default). */
function consultationsOf(messages: readonly Msg[], policy: object = {}): Record<string, unknown>[] {
  return plain(decodedRecords(decodeMonth({ agents, messages }, policy), "consultations"));
}

/** Records with their instants as epoch ms (however the view writes them). */
function plain(records: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k.endsWith("At") && typeof v === "string" ? Date.parse(v) : v])));
}

/** A Shanghai wall time as epoch ms. */
const at = (wall: string): number => Date.parse(`${wall.replace(" ", "T")}+08:00`);

describe("consultations derived from messages (hand-made examples)", () => {
  // b1 writes three times, A01 answers once; b1 writes, A01 answers from a second sub-account;
  // b1 writes a last time, unanswered; 55 minutes later (more than the 30-minute gap) b1 writes again.
  const messages: Msg[] = [
    msg("2020-02-10 09:00:00", "b1", WANG, "在吗"),
    msg("2020-02-10 09:00:20", "b1", WANG, "这个有货吗"),
    msg("2020-02-10 09:00:50", "b1", WANG, "急"),
    msg("2020-02-10 09:01:10", WANG, "b1", "您好"),
    msg("2020-02-10 09:01:30", WANG, "b1", "有货的"),
    msg("2020-02-10 09:02:00", "b1", WANG, "好的"),
    msg("2020-02-10 09:02:45", WANG2, "b1", "请问还有什么可以帮您"),
    msg("2020-02-10 09:05:00", "b1", WANG, "谢谢"),
    msg("2020-02-10 10:00:00", "b1", WANG, "又来了"),
    msg("2020-02-10 10:00:05.900", WANG, "b1", "您好"),
    // b2: the shop's bot greets, A02's auto-reply card, then A02 answers after 2 minutes.
    msg("2020-02-10 09:30:00", `${SHOP}:店小蜜`, "b2", "您好，欢迎光临"),
    msg("2020-02-10 09:31:00", "b2", LI, "发什么快递"),
    msg("2020-02-10 09:32:00", LI, "b2", "【自动回复】客服正在赶来"),
    msg("2020-02-10 09:33:00", LI, "b2", "中通"),
    // b3: one consultation by its id across a two-hour silence.
    msg("2020-02-10 11:00:00", "b3", LI, "退货", "S1"),
    msg("2020-02-10 13:00:00", LI, "b3", "您好", "S1"),
  ];

  it("splits a conversation after the gap, counts a run of buyer messages as one response, leaves the unanswered tail out", () => {
    const c = consultationsOf(messages);
    expect(c.map((r) => r["consultationId"])).toEqual(["A01/b1/2020-02-10 09:00", "A02/b2/2020-02-10 09:31", "A01/b1/2020-02-10 10:00", "S1"]);
    expect(c[0]).toMatchObject({
      agentId: "A01",
      buyerId: "b1",
      startedAt: at("2020-02-10 09:00:00"),
      firstReplyAt: at("2020-02-10 09:01:10"),
      endedAt: at("2020-02-10 09:05:00"),
      buyerMessages: 5,
      agentMessages: 3,
      // 09:01:10 − 09:00:00 = 70 s (the run of three); 09:02:45 − 09:02:00 = 45 s; 09:05:00 unanswered.
      responseCount: 2,
      responseSeconds: 115,
      maxResponseSeconds: 70,
    });
    // 5.9 s is 5 whole seconds (rounded down).
    expect(c[2]).toMatchObject({ startedAt: at("2020-02-10 10:00:00"), firstReplyAt: at("2020-02-10 10:00:05.900"), buyerMessages: 1, agentMessages: 1, responseCount: 1, responseSeconds: 5, maxResponseSeconds: 5 });
  });

  it("leaves bot lines out of the figures and says so", () => {
    const month = decodeMonth({ agents, messages }, {});
    const c = plain(decodedRecords(month, "consultations"));
    // Without the auto-reply at 09:32 the response would be 60 s; it is 120 s (and the bot's greeting opens nothing).
    expect(c[1]).toMatchObject({ agentId: "A02", buyerId: "b2", startedAt: at("2020-02-10 09:31:00"), firstReplyAt: at("2020-02-10 09:33:00"), buyerMessages: 1, agentMessages: 1, responseCount: 1, responseSeconds: 120, maxResponseSeconds: 120 });
    expect(month.warnings).toContain("messages: 2 bot lines (chat.botAccounts, chat.botMarkers) left out of the consultation figures");
  });

  it("takes the bot rule from the policy (chat.botAccounts, chat.botMarkers)", () => {
    const b2 = messages.filter((m) => m.to === "b2" || m.from === "b2");
    // No markers: A02's auto-reply at 09:32 is an agent message, and answers the 09:31 message in 60 s.
    const noMarkers = consultationsOf(b2, { chat: { botMarkers: [] } });
    expect(noMarkers).toMatchObject([{ agentMessages: 2, responseCount: 1, responseSeconds: 60, firstReplyAt: at("2020-02-10 09:32:00") }]);
    // No bot accounts: the greeting of 店小蜜 (no agent's sub-account) is a message of no agent, an error.
    const r = safeRun(() => decodeMonth({ agents, messages: b2 }, { chat: { botAccounts: [] } }));
    expect(r.success ? [] : r.issues.map(formatIssue)).toEqual([
      `messages[0], from: neither "${SHOP}:店小蜜" nor "b2" is an agent's sub-account (the agents' accounts column); a message is between an agent and a buyer`,
    ]);
  });

  it("groups messages by a given consultationId whatever the gap", () => {
    expect(consultationsOf(messages)[3]).toMatchObject({ consultationId: "S1", agentId: "A02", buyerId: "b3", responseCount: 1, responseSeconds: 7200, endedAt: at("2020-02-10 13:00:00") });
  });

  it("keeps a conversation together up to the gap exactly, and splits it just past it (policy chat.sessionGapMinutes)", () => {
    const two = [msg("2020-02-10 09:00:00", "b1", WANG), msg("2020-02-10 09:10:00", "b1", WANG)];
    expect(consultationsOf(two, { chat: { sessionGapMinutes: 10 } })).toHaveLength(1);
    expect(consultationsOf([two[0]!, msg("2020-02-10 09:10:01", "b1", WANG)], { chat: { sessionGapMinutes: 10 } })).toHaveLength(2);
  });

  it("answers a buyer message with an agent message of the same instant (the buyer's first), whatever the rows' order", () => {
    const same = [msg("2020-02-10 09:00:00", WANG, "b1"), msg("2020-02-10 09:00:00", "b1", WANG)];
    for (const rows of [same, [...same].reverse()]) {
      expect(consultationsOf(rows)[0]).toMatchObject({ firstReplyAt: at("2020-02-10 09:00:00"), responseCount: 1, responseSeconds: 0 });
    }
  });

  it("makes no consultation of a conversation where the buyer never wrote, and warns", () => {
    const month = decodeMonth({ agents, messages: [msg("2020-02-10 09:00:00", WANG, "b1", "亲，记得付款哦")] }, {});
    expect(month.tables.consultations?.count).toBe(0);
    expect(month.warnings).toContain("messages: 1 agent message in conversations where the buyer never wrote make no consultation");
  });
});

describe("the derived consultations' order (start, agent, buyer id, id), whatever the rows' order", () => {
  const ids = (messages: readonly Msg[]): unknown[] => decodedRecords(decodeMonth({ agents, messages }), "consultations").map((r) => r["consultationId"]);
  const both = (messages: Msg[]): unknown[] => {
    const a = ids(messages);
    expect(ids([...messages].reverse())).toEqual(a);
    return a;
  };

  it("puts one second's starts by instant, then agent, then buyer id as text (not as first seen)", () => {
    // Within 09:00:00: A02 at .100 before A01 at .500; at 09:01:00 exactly, A01 before A02, and
    // A01's two buyers by their ids' text: b10 before b2, though b2 writes first.
    const messages = [
      msg("2020-02-10 09:00:00.500", "b1", WANG),
      msg("2020-02-10 09:00:00.100", "b3", LI),
      msg("2020-02-10 09:01:00", "b2", WANG),
      msg("2020-02-10 09:01:00", "b4", LI),
      msg("2020-02-10 09:01:00", "b10", WANG2),
    ];
    expect(both(messages)).toEqual([
      "A02/b3/2020-02-10 09:00:00.100",
      "A01/b1/2020-02-10 09:00:00.500",
      "A01/b10/2020-02-10 09:01",
      "A01/b2/2020-02-10 09:01",
      "A02/b4/2020-02-10 09:01",
    ]);
  });

  it("orders starts months apart (more seconds than are counted) the same way", () => {
    const messages = [msg("2020-09-30 10:00:00", "b2", LI), msg("2020-01-02 09:00:00", "b1", WANG), msg("2020-09-30 10:00:00", "b1", WANG), msg("2021-06-01 08:00:00", "b3", WANG)];
    expect(both(messages)).toEqual(["A01/b1/2020-01-02 09:00", "A01/b1/2020-09-30 10:00", "A02/b2/2020-09-30 10:00", "A01/b3/2021-06-01 08:00"]);
  });

  it("reads a log sorted by time alone (conversations interleaved) as one listed conversation by conversation", () => {
    // Two buyers with one agent, their messages interleaved minute by minute, then grouped.
    const interleaved = [
      msg("2020-02-10 09:00:00", "b1", WANG),
      msg("2020-02-10 09:00:30", "b2", WANG),
      msg("2020-02-10 09:01:00", WANG, "b1"),
      msg("2020-02-10 09:01:40", WANG, "b2"),
      msg("2020-02-10 09:02:00", "b1", WANG),
      msg("2020-02-10 09:03:00", WANG, "b1"),
    ];
    const grouped = [interleaved[1]!, interleaved[3]!, interleaved[0]!, interleaved[2]!, interleaved[4]!, interleaved[5]!];
    const a = plain(decodedRecords(decodeMonth({ agents, messages: interleaved }), "consultations"));
    expect(plain(decodedRecords(decodeMonth({ agents, messages: grouped }), "consultations"))).toEqual(a);
    expect(a).toMatchObject([
      { buyerId: "b1", buyerMessages: 2, agentMessages: 2, responseCount: 2, responseSeconds: 120 },
      { buyerId: "b2", buyerMessages: 1, agentMessages: 1, responseCount: 1, responseSeconds: 70 },
    ]);
  });
});

describe("the messages kind and the agents' accounts", () => {
  const issues = (input: Record<string, unknown>): string[] => {
    const r = safeRun(() => decodeMonth(input));
    return r.success ? [] : r.issues.map(formatIssue);
  };

  it("names a message between no agent, or two agents, at its field", () => {
    expect(issues({ agents, messages: [msg("2020-02-10 09:00:00", "b1", "b2")] })).toEqual([
      'messages[0], from: neither "b1" nor "b2" is an agent\'s sub-account (the agents\' accounts column); a message is between an agent and a buyer',
    ]);
    expect(issues({ agents, messages: [msg("2020-02-10 09:00:00", WANG, LI)] })).toEqual([
      `messages[0], to: "${WANG}" and "${LI}" are both agents' sub-accounts; a message is between an agent and a buyer`,
    ]);
  });

  it("names a bad time and a missing field", () => {
    const found = issues({ agents, messages: [{ at: "2020-02-30 09:00", from: "b1", to: WANG, text: "x" }, { at: "2020-02-10 09:00", from: "b1", text: "x" }] });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^messages\[0\], at: /);
    expect(found[1]).toMatch(/^messages\[1\], to: /);
  });

  it("needs the agents' accounts", () => {
    expect(issues({ agents: [{ agentId: "A01" }], messages: [msg("2020-02-10 09:00:00", "b1", WANG)] })).toEqual([
      "agents.accounts: the chat log (messages) needs the agents' sub-accounts: give the agents an accounts column (子账号) naming each agent's sub-accounts",
    ]);
  });

  it("maps several sub-accounts (; or |) to one agent, and refuses one sub-account under two agents", () => {
    const two = [{ agentId: "A01", accounts: `${WANG} | ${WANG2}` }, { agentId: "A02", accounts: LI }];
    const month = decodeMonth({ agents: two, messages: [msg("2020-02-10 09:00:00", "b1", WANG2), msg("2020-02-10 09:00:01", WANG, "b1")] });
    expect(decodedRecords(month, "consultations")).toMatchObject([{ agentId: "A01", buyerId: "b1", responseCount: 1, responseSeconds: 1 }]);
    const clash = [{ agentId: "A01", accounts: `${WANG};${WANG2}` }, { agentId: "A02", accounts: `${LI};${WANG2}` }];
    expect(issues({ agents: clash })).toEqual([`agents[1] (agentId "A02"), accounts: sub-account "${WANG2}" is listed under agent "A02" and agent "A01"; a sub-account belongs to one agent (first at agents[0])`]);
    expect(issues({ agents: [{ agentId: "A01", accounts: `${WANG};;${WANG2}` }] })).toHaveLength(1);
  });
});

// ------------------------------------------------------------------------------------------------
// Properties

const T0 = Date.UTC(2020, 1, 10, 1, 0, 0); // 2020-02-10 09:00 in Shanghai
const ACCOUNTS = [WANG, WANG2, LI];
const AGENT_OF: Record<string, string> = { [WANG]: "A01", [WANG2]: "A01", [LI]: "A02" };

/** A conversation: buyer and sub-account, then steps of (who, seconds after the previous message). */
const conversation = fc.record({
  buyer: fc.constantFrom("b1", "b2", "b3"),
  account: fc.constantFrom(...ACCOUNTS),
  start: fc.integer({ min: 0, max: 20 * 24 * 3600 }),
  steps: fc.array(fc.record({ agent: fc.boolean(), after: fc.integer({ min: 1, max: 600_000 }) }), { minLength: 1, maxLength: 12 }),
});
/** Conversations crowded into three hours: a buyer often moves to another agent within the gap (a transfer). */
const crowded = conversation.map((c) => ({ ...c, start: c.start % (3 * 3600) }));

/**
 * Random conversations, each made one consultation by hand: its figures counted from the steps as
 * the rule states them (independently of the decoder's sort). Steps are at least 1 ms apart: at
 * one instant the rule puts a buyer's message first, whatever the order written (tested above). Conversations of one agent and buyer
 * are laid out more than the gap apart, so each is one consultation.
 */
type Conversation = { buyer: string; account: string; start: number; steps: { agent: boolean; after: number }[] };
function monthOf(convs: readonly Conversation[]) {
  const messages: { at: string; from: string; to: string; text: string }[] = [];
  const expected: Record<string, unknown>[] = [];
  const ends = new Map<string, number>();
  for (const c of convs) {
    const agentId = AGENT_OF[c.account]!;
    const pair = `${agentId}/${c.buyer}`;
    // After the pair's previous conversation by more than 30 minutes.
    let t = Math.max(T0 + c.start * 1000, (ends.get(pair) ?? -Infinity) + 30 * 60_000 + 1000);
    const steps = [{ agent: false, after: 0 }, ...c.steps]; // a buyer opens
    let started = NaN;
    let reply = NaN;
    let runStart = NaN;
    let buyerMessages = 0;
    let agentMessages = 0;
    let responses = 0;
    let seconds = 0;
    let longest = 0;
    for (const s of steps) {
      t += Math.min(s.after, 29 * 60_000); // within the gap
      if (s.agent) {
        agentMessages++;
        if (Number.isNaN(reply)) reply = t;
        if (!Number.isNaN(runStart)) {
          const w = Math.floor((t - runStart) / 1000);
          responses++;
          seconds += w;
          longest = Math.max(longest, w);
          runStart = NaN;
        }
      } else {
        buyerMessages++;
        if (Number.isNaN(started)) started = t;
        if (Number.isNaN(runStart)) runStart = t;
      }
      const iso = new Date(t).toISOString();
      messages.push(s.agent ? { at: iso, from: c.account, to: c.buyer, text: "您好" } : { at: iso, from: c.buyer, to: c.account, text: "在吗" });
    }
    ends.set(pair, t);
    expected.push({
      agentId,
      buyerId: c.buyer,
      startedAt: started,
      firstReplyAt: Number.isNaN(reply) ? undefined : reply,
      endedAt: t,
      buyerMessages,
      agentMessages,
      responseCount: responses,
      responseSeconds: seconds,
      maxResponseSeconds: longest,
    });
  }
  // 转接 by the stated rule: a buyer's next conversation (by start; at one start, A01's first) is
  // another agent's and starts within the 30-minute gap after the previous one's end.
  const byBuyer = new Map<string, Record<string, unknown>[]>();
  for (const e of expected) byBuyer.set(e["buyerId"] as string, [...(byBuyer.get(e["buyerId"] as string) ?? []), e]);
  for (const list of byBuyer.values()) {
    list.sort((a, b) => (a["startedAt"] as number) - (b["startedAt"] as number) || (a["agentId"] as string).localeCompare(b["agentId"] as string));
    for (let k = 1; k < list.length; k++) {
      const [p, q] = [list[k - 1]!, list[k]!];
      if (p["agentId"] === q["agentId"] || (q["startedAt"] as number) - (p["endedAt"] as number) > 30 * 60_000) continue;
      p["transferredTo"] = q["agentId"];
      q["transferredFrom"] = p["agentId"];
    }
  }
  return { messages, expected };
}

/** The figures of a consultation record (its id aside), comparable across row orders. */
const figures = (record: Record<string, unknown>): Record<string, unknown> => {
  const { consultationId: _id, ...rest } = plain([record])[0]!;
  void _id;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null));
};
const byKey = (a: Record<string, unknown>, b: Record<string, unknown>): number =>
  (a["startedAt"] as number) - (b["startedAt"] as number) || `${a["agentId"]}/${a["buyerId"]}`.localeCompare(`${b["agentId"]}/${b["buyerId"]}`);

describe("derived consultations (properties)", () => {
  it("reproduce hand-made consultations of random conversations", () => {
    let transfers = 0; // transfers over all runs: the property covers them too
    fc.assert(
      fc.property(fc.array(fc.oneof(conversation, crowded), { minLength: 1, maxLength: 6 }), (convs) => {
        const { messages, expected } = monthOf(convs);
        const got = (decodedRecords(decodeMonth({ agents, messages }), "consultations") as Record<string, unknown>[]).map(figures).sort(byKey);
        expect(got).toEqual(expected.map(figures).sort(byKey));
        transfers += expected.filter((e) => e["transferredTo"] !== undefined).length;
      }),
      { numRuns: 150 },
    );
    expect(transfers).toBeGreaterThan(0);
  });

  it("do not depend on the messages' row order", () => {
    fc.assert(
      fc.property(
        fc.array(conversation, { minLength: 1, maxLength: 6 }).chain((convs) => {
          const { messages } = monthOf(convs);
          return fc.tuple(fc.constant(messages), fc.shuffledSubarray(messages, { minLength: messages.length, maxLength: messages.length }));
        }),
        ([messages, shuffled]) => {
          const a = decodedRecords(decodeMonth({ agents, messages }), "consultations");
          const b = decodedRecords(decodeMonth({ agents, messages: shuffled }), "consultations");
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("give the same attribution as the equivalent consultations file", () => {
    let served = 0; // orders some consultation served, over all runs: the property is not only about silent orders
    fc.assert(
      fc.property(
        fc.array(conversation, { minLength: 1, maxLength: 6 }),
        fc.array(fc.record({ buyer: fc.constantFrom("b1", "b2", "b3", "b4"), at: fc.integer({ min: 0, max: 22 * 24 * 3600 }), pay: fc.integer({ min: 0, max: 3600 }) }), { minLength: 1, maxLength: 8 }),
        (convs, orderSpecs) => {
          const { messages, expected } = monthOf(convs);
          const orders = orderSpecs.map((o, i) => ({
            orderId: `O${i}`,
            buyerId: o.buyer,
            createdAt: new Date(T0 + o.at * 1000).toISOString(),
            paidAt: new Date(T0 + (o.at + o.pay) * 1000).toISOString(),
            amount: "10.00",
          }));
          // The consultations file as a shop would give it: the hand-made figures, ordered as the rule orders them.
          const iso = (v: unknown): unknown => (typeof v === "number" ? new Date(v).toISOString() : v);
          const consultations = [...expected].sort(byKey).map((c, i) => {
            const f = figures(c);
            return { consultationId: `C${i}`, ...f, startedAt: iso(f["startedAt"]), endedAt: iso(f["endedAt"]), firstReplyAt: iso(f["firstReplyAt"]) ?? "" } as unknown as ConsultationLike;
          });
          const fromChat = attributeSales({ agents, messages, orders }, undefined, { period: "2020-02" });
          const fromFile = attributeSales({ agents, consultations, orders }, undefined, { period: "2020-02" });
          const strip = (r: unknown): string => JSON.stringify(r).replace(/"consultationId":"[^"]*"/g, '"consultationId":"-"').replace(/\b(C\d+|A0\d\/b\d\/[^"]*)\b/g, "-");
          expect(strip(fromChat)).toEqual(strip(fromFile));
          served += fromChat.orders.filter((o) => o.status === "assisted" || o.status === "silent-order").length;
        },
      ),
      { numRuns: 60 },
    );
    expect(served).toBeGreaterThan(0);
  });
});

describe("both messages and consultations given", () => {
  const messages = [msg("2020-02-10 09:00:00", "b1", WANG), msg("2020-02-10 09:01:00", WANG, "b1"), msg("2020-02-10 09:02:00", "b1", WANG), msg("2020-02-10 09:02:30", WANG, "b1")];
  const base = { agentId: "A01", buyerId: "b1", startedAt: "2020-02-10 09:00", firstReplyAt: "2020-02-10 09:01", endedAt: "2020-02-10 09:02:30" };

  it("keeps the given consultations and warns of each figure that differs", () => {
    const month = decodeMonth({ agents, messages, consultations: [{ consultationId: "C1", ...base, buyerMessages: 2, agentMessages: 2, responseCount: 2, responseSeconds: 95, maxResponseSeconds: 60 }] });
    expect(decodedRecords(month, "consultations")).toMatchObject([{ consultationId: "C1", responseSeconds: 95 }]);
    // 60 s + 30 s = 90 s.
    expect(month.warnings).toEqual(['consultations: "C1" responseSeconds is 95, the chat log gives 90']);
  });

  it("is silent when they agree, and names a consultation the chat log lacks and a conversation none holds", () => {
    const same = decodeMonth({ agents, messages, consultations: [{ consultationId: "C1", ...base, buyerMessages: 2, agentMessages: 2, responseCount: 2, responseSeconds: 90, maxResponseSeconds: 60 }] });
    expect(same.warnings).toEqual([]);
    const other = decodeMonth({ agents, messages, consultations: [{ consultationId: "C2", ...base, startedAt: "2020-02-10 08:00" }] });
    expect(other.warnings).toEqual(['consultations: "C2" is not in the chat log (no conversation of its agent and buyer starts at its startedAt)', 'messages: the conversation "A01/b1/2020-02-10 09:00" is in no consultation given']);
  });

  it("counts, without naming them, the given consultations of an agent and buyer the log never shows (a partial log)", () => {
    const given = [
      { consultationId: "C1", ...base, buyerMessages: 2, agentMessages: 2, responseCount: 2, responseSeconds: 90, maxResponseSeconds: 60 },
      // Another buyer of A01, and b1 with another agent: outside what this log covers.
      { consultationId: "C3", ...base, buyerId: "b9" },
      { consultationId: "C4", ...base, agentId: "A02" },
    ];
    const month = decodeMonth({ agents, messages, consultations: given });
    expect(month.warnings).toEqual(["consultations: 2 of 3 given consultations have no conversation of their agent and buyer in the chat log, so they are not checked against it"]);
    expect(month.chat!.consultation.filter((c) => c >= 0).length).toBe(4);
  });

  it("are checked against each other by attributeSales too, which keeps only the fields it reads otherwise", () => {
    // The check compares every figure: attributeSales keeps them all when a chat log is given (it
    // used to keep only its own fields and stop on a TypeError).
    const withLog = { agents, messages, consultations: [{ consultationId: "C1", ...base, buyerMessages: 2, agentMessages: 2, responseCount: 2, responseSeconds: 95, maxResponseSeconds: 60 }] };
    const orders = [{ orderId: "O1", buyerId: "b1", createdAt: "2020-02-10 09:02", paidAt: "2020-02-10 09:02:10", amount: "10.00" }];
    expect(attributeSales({ ...withLog, orders }).orders[0]).toMatchObject({ creditedAgent: "A01", placeConsultationId: "C1" });
    const sample = attributeSales(sampleRecords, {}, { period: "2020-02" });
    expect([sample.shop.sales.orders, sample.shop.credited.net]).toEqual([236, "35921.00"]);
  });

  it("says the consultations were made from the log when none are given", () => {
    expect(decodeMonth({ agents, messages }).warnings).toEqual(["consultations: none given; the 1 consultation is made from the chat log (messages)"]);
  });
});
