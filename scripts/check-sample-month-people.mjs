#!/usr/bin/env node
// Re-derives the people-rule figures of the sample month (R3, R4, R6, R1 duties) independently of
// the library (imports nothing from src/ or dist/) and compares them with hand-derived-people.json.
//
//   node scripts/check-sample-month-people.mjs [folder] [--print]
//
// The rules are applied literally with the default policy: zone Asia/Shanghai (UTC+8, no DST; wall
// times are compared as text or as naive minutes), shifts day 09:00–17:30, halfDay 10:00–15:30,
// night 17:00–23:30, 4 rest days, hours within 16 h of the mean; ladder 10 → 30 → dismissal since
// hire, supervisor on the same ladder; rewards 10 / 30; promotion gate ≥ 80 in 2019-12..2020-02,
// 3 months in grade, the promotionReview requirement; SMS > 8.00 unpaid at +15 min, human reminder
// unpaid at +30 min; parcels by 17:30; review owners: none by default (all unowned).
// Address checks per agent are R1's, taken from hand-derived.json (derived in the README's first part).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const print = args.includes("--print");
const dir = args.find((a) => !a.startsWith("--")) ?? join(root, "fixtures", "sample-month");

// Simple CSV (the generator writes no quoted commas except in notes, which are quoted without commas).
function csv(name) {
  const [header, ...rows] = readFileSync(join(dir, name), "utf8").trim().split(/\r?\n/).map((l) => l.split(","));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, (r[i] ?? "").replace(/^"|"$/g, "")])));
}
const naive = (t) => {
  const [d, h = "00:00:00"] = t.split(" ");
  const [y, m, dd] = d.split("-").map(Number);
  const [hh, mm] = h.split(":").map(Number);
  return Date.UTC(y, m - 1, dd, hh, mm) / 60000; // minutes
};
const dateOf = (min) => new Date(min * 60000).toISOString().slice(0, 10);
const weekday = (date) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
const SHIFT = { day: [540, 1050], halfDay: [600, 930], night: [1020, 1410] };

const roster = csv("roster.csv");
const shiftOf = new Map(roster.map((r) => [`${r.agentId} ${r.date}`, r.shift]));
const agents = [...new Set(roster.map((r) => r.agentId))].sort();
const out = {};

// --- R6 roster ------------------------------------------------------------------------------------
{
  const minutes = {};
  const breaches = [];
  const working = (a, date) => ["day", "halfDay", "night"].includes(shiftOf.get(`${a} ${date}`));
  for (const a of agents) {
    let m = 0;
    let off = 0;
    let run = 0; // working days in a row (the sample has no January rows)
    let from = null;
    for (let d = 1; d <= 29; d++) {
      const date = `2020-02-${String(d).padStart(2, "0")}`;
      const s = shiftOf.get(`${a} ${date}`);
      if (s === "off") off++;
      else m += SHIFT[s][1] - SHIFT[s][0];
      const prev = d === 1 ? shiftOf.get(`${a} 2020-01-31`) : shiftOf.get(`${a} 2020-02-${String(d - 1).padStart(2, "0")}`);
      if (s === "day" && prev === "night") breaches.push([a, date, "nightThenDay"]);
      if (working(a, date)) {
        if (run++ === 0) from = date;
        if (run === 7) breaches.push([a, date, "consecutiveDays", from]); // 做六休一: the 7th day in a row
      } else run = 0;
    }
    minutes[a] = m;
    if (off !== 4) breaches.push([a, null, "restDays"]);
    if (off === 0) breaches.push([a, null, "wholeDayOff"]);
  }
  const total = Object.values(minutes).reduce((x, y) => x + y, 0);
  for (const a of agents) if (Math.abs(minutes[a] * agents.length - total) > 16 * 60 * agents.length) breaches.push([a, null, "hoursSpread"]);
  // Report order: by date (the month's own last), agent, then rule.
  const RULES = ["nightThenDay", "consecutiveDays", "handover", "unrosteredDays", "restDays", "wholeDayOff", "hoursSpread"];
  const key = ([a, date, rule]) => `${date ?? "9999"} ${a} ${RULES.indexOf(rule)}`;
  breaches.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
  out.roster = { hours: Object.fromEntries(agents.map((a) => [a, minutes[a] / 60])), breaches: breaches.map(([a, date, rule]) => `${a}${date ? ` ${date}` : ""} ${rule}`) };
}

// --- R4 discipline and the fund -----------------------------------------------------------------
{
  const LADDER = [["verbalWarning", 1000], ["", 3000], ["dismissal", 0]];
  const events = [];
  for (const v of csv("violations.csv")) {
    events.push({ id: v.violationId, who: v.agentId, rule: v.rule, at: v.at, sup: false });
    if (v.condonedBy) events.push({ id: v.violationId, who: v.condonedBy, rule: v.rule, at: v.at, sup: true });
  }
  // An upheld complaint (因服务原因) is an occurrence of the serviceComplaint rule.
  for (const c of csv("complaints.csv")) if (c.upheld === "true") events.push({ id: c.complaintId, who: c.agentId, rule: "serviceComplaint", at: c.at, sup: false });
  // Attendance (seed 000): each working shift on a day the records cover — no record that day:
  // absent (at the shift's start); first 上班 after the start: late; last 下班 before the end: left
  // early (grace 0). Nothing is expected of an agent after the dismissal.
  const att = csv("attendance.csv");
  const days = att.map((r) => r.at.slice(0, 10)).sort();
  const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}:00`;
  for (const r of roster) {
    if (r.shift === "off" || r.date < days[0] || r.date > days.at(-1)) continue;
    const mine = att.filter((x) => x.agentId === r.agentId && x.at.startsWith(r.date));
    const [start, end] = SHIFT[r.shift].map((m) => `${r.date} ${hhmm(m)}`);
    const ins = mine.filter((x) => x.punch === "上班").map((x) => x.at).sort();
    const outs = mine.filter((x) => x.punch === "下班").map((x) => x.at).sort();
    const push = (word, rule, at) => events.push({ id: `${r.agentId}/${r.date}/${word}`, who: r.agentId, rule, at, sup: false, attendance: true });
    if (mine.length === 0) push("旷工", "absent", start);
    else {
      if (ins.length > 0 && ins[0] > start) push("迟到", "late", ins[0]);
      if (outs.length > 0 && outs.at(-1) < end) push("早退", "leftEarly", outs.at(-1));
    }
  }
  events.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : x.sup ? 1 : -1));
  const count = {};
  const dismissed = {};
  let fund = 0;
  const lines = [];
  const ledger = [];
  for (const e of events) {
    if (e.attendance && dismissed[e.who] && e.at >= dismissed[e.who]) continue;
    const k = `${e.who} ${e.rule}`;
    count[k] = (count[k] ?? 0) + 1;
    let step = null;
    let fine = 0;
    if (!dismissed[e.who]) {
      step = Math.min(count[k], 3);
      fine = LADDER[step - 1][1];
      if (LADDER[step - 1][0] === "dismissal") dismissed[e.who] = e.at;
    }
    if (e.at < "2020-02") fund += fine;
    else {
      lines.push(`${e.id} ${e.who} ${count[k]} ${step ?? "afterDismissal"} ${(fine / 100).toFixed(2)}`);
      if (fine > 0) {
        fund += fine;
        ledger.push(`${e.id} ${e.who} ${(fund / 100).toFixed(2)}`);
      }
    }
  }
  out.discipline = { lines, ledger, closing: (fund / 100).toFixed(2), dismissed };
}

// --- R6 service hours (09:00–23:30, one on shift) and overtime ----------------------------------
// An agent's rostered days after their dismissal (from the ladder above) count as nobody on shift.
// The hand-over holds every day with the default shifts: the day shift ends 17:30, after the night
// shift starts at 17:00.
{
  const gone = (a, date) => out.discipline.dismissed[a] !== undefined && date > out.discipline.dismissed[a].slice(0, 10);
  const gaps = [];
  for (let d = 1; d <= 29; d++) {
    const date = `2020-02-${String(d).padStart(2, "0")}`;
    const on = new Array(1440).fill(0);
    for (const a of agents) {
      const s = shiftOf.get(`${a} ${date}`);
      if (s === undefined || s === "off" || gone(a, date)) continue;
      for (let t = SHIFT[s][0]; t < SHIFT[s][1]; t++) on[t]++;
    }
    let start = null;
    for (let t = 540; t <= 1410; t++) {
      const short = t < 1410 && on[t] < 1;
      if (short && start === null) start = t;
      if (!short && start !== null) {
        const hm = (x) => `${String(Math.floor(x / 60)).padStart(2, "0")}:${String(x % 60).padStart(2, "0")}`;
        gaps.push(`${date} ${hm(start)}–${hm(t)} ${on[start]}/1`);
        start = null;
      }
    }
  }
  // Overtime: a consultation begun before the end of the agent's working shift on its date and
  // ended after it; per agent and date, until the latest such end.
  const overtime = {};
  for (const c of csv("consultations.csv")) {
    const date = c.startedAt.slice(0, 10);
    const s = shiftOf.get(`${c.agentId} ${date}`);
    if (s === undefined || s === "off" || gone(c.agentId, date)) continue;
    const end = naive(`${date} 00:00`) + SHIFT[s][1];
    const started = naive(c.startedAt);
    const ended = naive(c.endedAt) + Number(c.endedAt.slice(17, 19)) / 60;
    if (started + Number(c.startedAt.slice(17, 19)) / 60 >= end || ended <= end) continue;
    const k = `${date} ${c.agentId}`;
    const o = (overtime[k] ??= { shift: s, until: ended, n: 0 });
    o.n++;
    o.until = Math.max(o.until, ended);
  }
  out.roster.coverage = gaps;
  out.roster.overtime = Object.keys(overtime)
    .sort()
    .map((k) => {
      const [date, a] = k.split(" ");
      const o = overtime[k];
      const end = naive(`${date} 00:00`) + SHIFT[o.shift][1];
      return `${a} ${date} ${o.shift} ${Math.round((o.until - end) * 60)}s ${o.n}`;
    });
}

// --- R4 rewards -----------------------------------------------------------------------------------
{
  const totals = {};
  for (const r of csv("rewards.csv")) {
    if (!r.at.startsWith("2020-02")) continue;
    const fen = r.kind === "dataErrorFound" ? 1000 : r.kind === "suggestionAdopted" ? 3000 : Math.round(Number(r.amount) * 100);
    totals[r.agentId] = (totals[r.agentId] ?? 0) + fen;
  }
  out.rewards = Object.fromEntries(Object.entries(totals).sort().map(([a, f]) => [a, (f / 100).toFixed(2)]));
}

// --- R3 promotion eligibility -----------------------------------------------------------------------
{
  const agentsFile = csv("agents.csv");
  // Earlier months from scores.csv; February's from the scorecard, whose figures the KPI section of
  // the README derives by hand (hand-derived-kpi.json, re-derived by check-sample-month.mjs).
  const scores = new Map(csv("scores.csv").map((s) => [`${s.agentId} ${s.month}`, Number(s.score)]));
  const kpi = JSON.parse(readFileSync(join(dir, "hand-derived-kpi.json"), "utf8"));
  for (const [agentId, s] of Object.entries(kpi.scores)) if (s.score !== null) scores.set(`${agentId} 2020-02`, Number(s.score));
  const reviews = csv("assessments.csv").sort((x, y) => (x.at < y.at ? -1 : 1));
  const eligible = {};
  for (const a of agentsFile) {
    const reasons = [];
    if (a.grade === "expert") reasons.push("topGrade");
    if (out.discipline.dismissed[a.agentId]) reasons.push("dismissed");
    if (a.probationEndsAt && a.probationEndsAt > "2020-02-29") reasons.push("inProbation");
    if (a.grade !== "expert") {
      // Whole months from gradeSince to 2020-02-29 (no day-31 clamping needed for these dates).
      const [y, m, d] = a.gradeSince.split("-").map(Number);
      const months = (2020 - y) * 12 + (2 - m) - (29 < d ? 1 : 0);
      if (months < 3) reasons.push("tooFewMonths");
      for (const month of ["2019-12", "2020-01", "2020-02"]) {
        const s = scores.get(`${a.agentId} ${month}`);
        if (s === undefined) reasons.push("scoreMissing");
        else if (s < 80) reasons.push("scoreBelow");
      }
      const last = reviews.filter((r) => r.agentId === a.agentId).at(-1);
      if (!last) reasons.push("requirementMissing");
      else if (last.passed !== "true") reasons.push("requirementFailed");
    }
    eligible[a.agentId] = reasons;
  }
  out.promotion = eligible;
}

// --- R1 duties ------------------------------------------------------------------------------------
{
  const counts = {};
  const unowned = [];
  let sms = 0;
  // 催付 outcomes: per reminder owner (sms, an agent, unowned) [owed, paid before 1 March, fen paid].
  const outcome = {};
  const remind = (who, o, paid) => {
    const t = (outcome[who] ??= [0, 0, 0]);
    t[0]++;
    if (paid !== null && paid < naive("2020-03-01 00:00")) {
      t[1]++;
      t[2] += Math.round(Number(o.amount) * 100);
    }
  };
  const bump = (a, kind) => {
    counts[a] ??= { addressCheck: 0, humanReminder: 0, returnedParcel: 0, shopReview: 0 };
    counts[a][kind]++;
  };
  const working = (date) => agents.filter((a) => (shiftOf.get(`${a} ${date}`) ?? "off") !== "off");
  // Weekday: the night-shift agent of the date (the smallest id); weekend: on duty at `min`, else the next to start.
  const owner = (date, min) => {
    const w = weekday(date);
    const tod = min - naive(date);
    if (w >= 1 && w <= 5) {
      const nights = agents.filter((a) => shiftOf.get(`${a} ${date}`) === "night");
      if (nights.length === 0) return null;
      if (tod >= SHIFT.night[1]) return owner(dateOf(naive(date) + 1440), naive(date) + 1440);
      return nights[0];
    }
    const open = working(date).filter((a) => SHIFT[shiftOf.get(`${a} ${date}`)][1] > tod);
    const on = open.filter((a) => SHIFT[shiftOf.get(`${a} ${date}`)][0] <= tod);
    if (on.length > 0) return on[0];
    if (open.length === 0) return null;
    const first = Math.min(...open.map((a) => SHIFT[shiftOf.get(`${a} ${date}`)][0]));
    return open.find((a) => SHIFT[shiftOf.get(`${a} ${date}`)][0] === first);
  };
  for (const o of csv("orders.csv")) {
    const created = naive(o.createdAt);
    const paid = o.paidAt ? naive(o.paidAt) : null;
    const smsDue = created + 15;
    const humanDue = created + 30;
    if (Number(o.amount) > 8 && (paid === null || paid > smsDue) && dateOf(smsDue).startsWith("2020-02")) {
      sms++;
      remind("sms", o, paid);
    }
    if ((paid === null || paid > humanDue) && dateOf(humanDue).startsWith("2020-02")) {
      const who = owner(dateOf(humanDue), humanDue);
      remind(who ?? "unowned", o, paid);
      if (who) bump(who, "humanReminder");
      else unowned.push(`humanReminder ${o.orderId}`);
    }
  }
  for (const p of csv("returnedParcels.csv")) {
    const arrived = naive(p.arrivedAt);
    let date = dateOf(arrived);
    if (arrived - naive(date) >= 1050) date = dateOf(naive(date) + 1440);
    const who = owner(date, Math.max(arrived, naive(date)));
    if (who) bump(who, "returnedParcel");
    else unowned.push(`returnedParcel ${p.parcelId}`);
  }
  for (const r of csv("shopReviews.csv")) if (r.at.startsWith("2020-02")) unowned.push(`shopReview ${r.reviewId}`); // no owners by default
  const hand = JSON.parse(readFileSync(join(dir, "hand-derived.json"), "utf8"));
  for (const [a, x] of Object.entries(hand.agents)) for (let i = 0; i < x.addressChecks; i++) bump(a, "addressCheck");
  const money = (f) => `${Math.trunc(f / 100)}.${String(f % 100).padStart(2, "0")}`;
  const reminders = Object.fromEntries(Object.entries(outcome).sort().map(([who, [owed, paid, fen]]) => [who, `owed ${owed}, paid ${paid}, recovered ${money(fen)}`]));
  out.duties = { counts: Object.fromEntries(Object.entries(counts).sort()), sms, unowned: unowned.sort(), reminders };
}

if (print) console.log(JSON.stringify(out, null, 2));
const expected = JSON.parse(readFileSync(join(dir, "hand-derived-people.json"), "utf8"));
const diffs = [];
const compare = (path, want, got) => {
  if (JSON.stringify(want) !== JSON.stringify(got)) diffs.push(`${path}: hand-derived ${JSON.stringify(want)}, re-derived ${JSON.stringify(got)}`);
};
for (const key of ["roster", "discipline", "rewards", "promotion", "duties"]) compare(key, expected[key], out[key]);
if (diffs.length > 0) {
  console.error(`hand-derived-people.json disagrees with the re-derivation:\n  ${diffs.join("\n  ")}`);
  process.exit(1);
}
console.log("hand-derived-people.json: every figure re-derived");
