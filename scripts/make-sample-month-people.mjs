#!/usr/bin/env node
// Writes the people-rule files of the bundled sample month (R3, R4, R6 and the R1 duties) into
// fixtures/sample-month/: roster, violations, rewards, assessments, probation, scores,
// returnedParcels and shopReviews (.csv). The attribution files (agents, consultations, orders) are
// written by scripts/make-sample-month.mjs and are not touched here.
//
//   node scripts/make-sample-month-people.mjs [outDir]
//
// Deterministic (no randomness, no clock), plain Node ESM, no dependencies. Every value is written
// out literally below so fixtures/sample-month/README.md ("People rules") can derive the expected
// figures by hand; scripts/check-sample-month-people.mjs re-derives them independently of src/.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = process.argv[2] ?? join(root, "fixtures", "sample-month");

// February 2020: the 1st is a Saturday. One letter per day from the 1st (weeks start on Saturday
// here only to keep the strings readable): D day 09:00–17:30, H halfDay 10:00–15:30,
// N night 17:00–23:30, O off.
//                  1-7       8-14      15-21     22-28     29
export const ROSTER = {
  A01: "DDODDDD" + "NNNNNOD" + "DDDODDD" + "NNNNNOD" + "D",
  A02: "NNNNNOD" + "DDODDND" + "NNNNNOD" + "DDDODDD" + "N", // night on the 13th, day on the 14th
  A03: "DDDDODD" + "NNNNNOD" + "DDDDDDD" + "DDDDODD" + "D", // 3 rest days
  A04: "ODDNNNN" + "ODDDDDD" + "DDNNNNN" + "ODDDDOD" + "D",
  A05: "HHHHHOH" + "HHHHHOH" + "HHHHHOH" + "HHHHHOH" + "H", // half days only: far below the mean
  A06: "DDDDDDO" + "DDDDODN" + "OHDDDDD" + "DDDDDON" + "N",
};
const SHIFT = { D: "day", H: "halfDay", N: "night", O: "off" };

const roster = [];
for (const [agentId, pattern] of Object.entries(ROSTER)) {
  if (pattern.length !== 29) throw new Error(`${agentId}: ${pattern.length} days`);
  [...pattern].forEach((c, i) => roster.push([agentId, `2020-02-${String(i + 1).padStart(2, "0")}`, SHIFT[c]]));
}

// R4: violations of the default rules. V05 is January's: it counts on A05's ladder (since hire)
// and opens the fund; V02 was seen by supervisor A06, who did not stop it.
const violations = [
  ["V01", "A03", "2020-02-05 15:20:00", "nonWorkActivity", "", "QQ 聊天"],
  ["V02", "A03", "2020-02-12 10:05:00", "nonWorkActivity", "A06", "看视频, 主管在场未制止"],
  ["V03", "A03", "2020-02-26 16:40:00", "nonWorkActivity", "", "玩游戏"],
  ["V04", "A03", "2020-02-28 11:00:00", "nonWorkActivity", "", "after dismissal"],
  ["V05", "A05", "2020-01-15 14:00:00", "unauthorizedSoftware", "", "装了下载软件"],
  ["V06", "A05", "2020-02-10 20:30:00", "unauthorizedSoftware", "", ""],
  ["V07", "A02", "2020-02-21 09:40:00", "nonWorkActivity", "", "私人旺旺"],
];

// R4 and R2: buyers' complaints (投诉). K02, upheld (因服务原因), steps A02's serviceComplaint
// ladder (its first occurrence: a verbal warning and 10.00) and was answered 27 h after it came;
// K01 was answered in 5 h and not upheld; K03 is not answered at all.
const complaints = [
  ["K01", "A01", "2020-02-07 10:00:00", "2020-02-07 15:00:00", "false", "物流慢"],
  ["K02", "A02", "2020-02-14 11:00:00", "2020-02-15 14:00:00", "true", "服务态度"],
  ["K03", "A04", "2020-02-27 09:00:00", "", "false", "少件"],
];

// R4: attendance (考勤, seed 000: 不迟到、不早退、不旷工), Monday 17 and Tuesday 18 February: the
// records cover those two days only. A01 signs in at 09:07 for the 09:00 day shift (late); A02
// has no record on the 18th, a night shift (absent); A05 signs out at 15:00 from the half-day
// shift that ends at 15:30 (left early). A01 is off on the 18th; everyone else is on time.
const attendance = [
  ["A01", "2020-02-17 09:07:00", "上班"], ["A01", "2020-02-17 17:31:00", "下班"],
  ["A02", "2020-02-17 16:55:00", "上班"], ["A02", "2020-02-17 23:32:00", "下班"],
  ["A03", "2020-02-17 08:58:00", "上班"], ["A03", "2020-02-17 17:35:00", "下班"],
  ["A04", "2020-02-17 16:58:00", "上班"], ["A04", "2020-02-17 23:30:00", "下班"],
  ["A05", "2020-02-17 09:55:00", "上班"], ["A05", "2020-02-17 15:31:00", "下班"],
  ["A06", "2020-02-17 08:50:00", "上班"], ["A06", "2020-02-17 17:40:00", "下班"],
  ["A03", "2020-02-18 08:59:00", "上班"], ["A03", "2020-02-18 17:30:00", "下班"],
  ["A04", "2020-02-18 16:59:00", "上班"], ["A04", "2020-02-18 23:31:00", "下班"],
  ["A05", "2020-02-18 09:58:00", "上班"], ["A05", "2020-02-18 15:00:00", "下班"],
  ["A06", "2020-02-18 08:55:00", "上班"], ["A06", "2020-02-18 17:30:00", "下班"],
];

// R4: rewards. W06 is January's (outside the month).
const rewards = [
  ["W01", "A01", "2020-02-06 14:00:00", "dataErrorFound", "", "主图尺寸写错"],
  ["W02", "A01", "2020-02-18 16:30:00", "dataErrorFound", "", "库存数不符"],
  ["W03", "A04", "2020-02-11 11:00:00", "suggestionAdopted", "", "催付话术"],
  ["W04", "A06", "2020-02-28 18:00:00", "performanceAward", "200.00", "业绩奖"],
  ["W05", "A02", "2020-02-25 10:00:00", "specialAward", "88.00", "特别奖: 挽回大客户"],
  ["W06", "A05", "2020-01-20 10:00:00", "dataErrorFound", "", "January"],
];

// R3: scorecard scores of the earlier months of the promotion gate (≥ 80 in each of the last three,
// by default); February's come from the month's own scorecard (R2, the KPI section of the README).
// A03 is in probation (no KPI assessment); A05 has no January score.
const scores = [
  ["A01", "2019-12", "88"], ["A01", "2020-01", "91"],
  ["A02", "2019-12", "82"], ["A02", "2020-01", "79.5"],
  ["A04", "2019-12", "85"], ["A04", "2020-01", "84"],
  ["A05", "2019-12", "81"],
  ["A06", "2019-12", "95"], ["A06", "2020-01", "93"],
];

// R3: the qualitative requirement of the next grade (the promotion review 晋升考核).
const assessments = [
  ["A01", "promotionReview", "true", "2020-02-20 10:00:00"],
  ["A02", "promotionReview", "true", "2020-02-20 10:30:00"],
  ["A04", "promotionReview", "false", "2020-01-15 10:00:00"],
  ["A04", "promotionReview", "true", "2020-02-25 10:00:00"],
  ["A05", "promotionReview", "false", "2020-02-20 11:00:00"],
];

// R3: A03's probation evaluation (试用期员工表现评分): three items, three evaluators (考评人).
const probation = [
  ["A03", "work", "95", "A06", "2020-02-24 17:00:00"],
  ["A03", "rules", "92", "A01", "2020-02-24 17:00:00"],
  ["A03", "team", "90", "A04", "2020-02-24 17:00:00"],
];

// R1 duties: returned parcels (退货包裹).
const returnedParcels = [
  ["P01", "O0215", "2020-02-03 11:20:00", "SF1001"], // Monday: the night shift (A02)
  ["P02", "O0230", "2020-02-08 10:00:00", "SF1002"], // Saturday 10:00: on duty A02, A05, A06
  ["P03", "", "2020-02-14 18:10:00", "YT2003"], // Friday after 17:30: due Saturday 15th 17:30
  ["P04", "O0245", "2020-02-21 12:00:00", "SF1004"], // Friday: the night shift (A04)
  ["P05", "", "2020-02-27 09:30:00", "ZT3005"], // Thursday 27th: no night shift rostered → unowned
];

// R1 duties: neutral/negative shop reviews (中差评). rb1's first review was on 31 January (odd).
// Their outcomes (处理成果, seed 003) and handlers: SR01 (January's) changed to good by A04; SR02
// changed to good by A04; SR03 explained by A04; SR04 removed by A05.
const shopReviews = [
  ["SR01", "rb1", "", "2020-01-31 21:00:00", "neutral", "改为好评", "A04"],
  ["SR02", "rb1", "", "2020-02-04 10:00:00", "negative", "改为好评", "A04"],
  ["SR03", "rb2", "O0230", "2020-02-10 15:00:00", "negative", "已解释", "A04"],
  ["SR04", "rb3", "", "2020-02-23 11:00:00", "neutral", "已删除", "A05"],
];

function csv(header, rows) {
  const cell = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\n") + "\n";
}

mkdirSync(outDir, { recursive: true });
const files = {
  "roster.csv": csv(["agentId", "date", "shift"], roster),
  "violations.csv": csv(["violationId", "agentId", "at", "rule", "condonedBy", "note"], violations),
  "complaints.csv": csv(["complaintId", "agentId", "at", "repliedAt", "upheld", "kind"], complaints),
  "attendance.csv": csv(["agentId", "at", "punch"], attendance),
  "rewards.csv": csv(["rewardId", "agentId", "at", "kind", "amount", "note"], rewards),
  "scores.csv": csv(["agentId", "month", "score"], scores),
  "assessments.csv": csv(["agentId", "requirement", "passed", "at"], assessments),
  "probation.csv": csv(["agentId", "item", "score", "evaluator", "at"], probation),
  "returnedParcels.csv": csv(["parcelId", "orderId", "arrivedAt", "trackingNo"], returnedParcels),
  "shopReviews.csv": csv(["reviewId", "buyerId", "orderId", "at", "rating", "outcome", "handlerId"], shopReviews),
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(outDir, name), text);
