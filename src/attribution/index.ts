export { attributeSales, safeAttributeSales, attributeMonth, type SalesInput, type AttributeOptions, type SalesCredits, type OrderLike, type ConsultationLike } from "./attributeSales.js";
export type * from "./types.js";
