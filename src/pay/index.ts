// pay/: commission bases and tiers, and the monthly pay statement (base + commission + KPI bonus + rewards − fines).
export { commissionBases, commissionOf, type BaseShare, type CommissionBase, type CommissionOrder, type CommissionResult } from "./commission.js";
export {
  payStatements,
  safePayStatements,
  PayInputSchema,
  PayAgentSchema,
  PayOrderSchema,
  PayItemSchema,
  ClawbackItemSchema,
  PAY_LINES,
  type PayInput,
  type PayAgentInput,
  type PayOrder,
  type PayItem,
  type ClawbackItem,
  type PayLine,
  type PayLineId,
  type PayStatement,
} from "./statement.js";
export { comparePay, type PayComparison } from "./compare.js";
