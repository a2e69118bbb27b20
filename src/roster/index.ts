// roster/: the shift roster (排班) and its rules, and the day's duties (催付, 催确认, 中差评 …) per agent on shift.
export { checkRoster, safeCheckRoster } from "./checkRoster.js";
export type { RosterInput, RosterRule, RosterBreach, RosterAgentSummary, RosterCheck } from "./checkRoster.js";
export { assignDuties, safeAssignDuties, ReturnedParcelSchema, ShopReviewSchema } from "./assignDuties.js";
export type { DutyOrder, DutiesInput, DutiesOptions, DutyKind, Duty, DutiesResult, ReminderOutcomes, ReminderTally, ReturnedParcel, ShopReview } from "./assignDuties.js";
export { RosterEntrySchema, SHIFTS } from "./rosterIndex.js";
export type { RosterEntry, Shift } from "./rosterIndex.js";
