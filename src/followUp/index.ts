// followUp/: the buyers a team lead follows (R10) — the lost inquiries (询单流失), the transfers (转接) and the bots (店小蜜).
export { lostInquiriesOfPeriod } from "./lostInquiries.js";
export { transfersOfPeriod } from "./transfers.js";
export type { LostInquiriesReport, LostInquiry, LostInquiryFigures, LostInquiryMessage } from "./lostInquiries.js";
export type { TransfersReport, AgentTransfers } from "./transfers.js";
export type { BotsReport } from "./bots.js";
