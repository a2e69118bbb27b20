// followUp/: the buyers a team lead has an agent follow up (跟进, R10) — the lost inquiries (询单流失).
export { lostInquiriesOfPeriod } from "./lostInquiries.js";
export type { LostInquiriesReport, LostInquiry, LostInquiryFigures, LostInquiryMessage } from "./lostInquiries.js";
