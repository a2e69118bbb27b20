export { checkRoster, safeCheckRoster } from "./checkRoster.js";
export type { RosterInput, RosterRule, RosterBreach, RosterAgentSummary, RosterCheck } from "./checkRoster.js";
export { assignDuties, safeAssignDuties } from "./assignDuties.js";
export type { DutyOrder, DutiesInput, DutiesOptions, DutyKind, Duty, DutiesResult } from "./assignDuties.js";
export { RosterEntrySchema, ReturnedParcelSchema, ShopReviewSchema, SHIFTS } from "./schema.js";
export type { RosterEntry, ReturnedParcel, ShopReview, Shift } from "./schema.js";
