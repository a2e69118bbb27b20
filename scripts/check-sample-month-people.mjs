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
  for (const a of agents) {
    let m = 0;
    let off = 0;
    for (let d = 1; d <= 29; d++) {
      const date = `2020-02-${String(d).padStart(2, "0")}`;
      const s = shiftOf.get(`${a} ${date}`);
      if (s === "off") off++;
      else m += SHIFT[s][1] - SHIFT[s][0];
      const prev = d === 1 ? shiftOf.get(`${a} 2020-01-31`) : shiftOf.get(`${a} 2020-02-${String(d - 1).padStart(2, "0")}`);
      if (s === "day" && prev === "night") breaches.push(`${a} ${date} nightThenDay`);
    }
    minutes[a] = m;
    if (off !== 4) breaches.push(`${a} restDays`);
    if (off === 0) breaches.push(`${a} wholeDayOff`);
  }
  const total = Object.values(minutes).reduce((x, y) => x + y, 0);
  for (const a of agents) if (Math.abs(minutes[a] * agents.length - total) > 16 * 60 * agents.length) breaches.push(`${a} hoursSpread`);
  out.roster = { hours: Object.fromEntries(agents.map((a) => [a, minutes[a] / 60])), breaches };
}

// --- R4 discipline and the fund -----------------------------------------------------------------
{
  const LADDER = [["verbalWarning", 1000], ["", 3000], ["dismissal", 0]];
  const events = [];
  for (const v of csv("violations.csv")) {
    events.push({ id: v.violationId, who: v.agentId, rule: v.rule, at: v.at, sup: false });
    if (v.condonedBy) events.push({ id: v.violationId, who: v.condonedBy, rule: v.rule, at: v.at, sup: true });
  }
  events.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : x.sup ? 1 : -1));
  const count = {};
  const dismissed = {};
  let fund = 0;
  const lines = [];
  const ledger = [];
  for (const e of events) {
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
    if (Number(o.amount) > 8 && (paid === null || paid > smsDue) && dateOf(smsDue).startsWith("2020-02")) sms++;
    if ((paid === null || paid > humanDue) && dateOf(humanDue).startsWith("2020-02")) {
      const who = owner(dateOf(humanDue), humanDue);
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
  out.duties = { counts: Object.fromEntries(Object.entries(counts).sort()), sms, unowned: unowned.sort() };
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
