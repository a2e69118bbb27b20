export { attributeSales, safeAttributeSales, type SalesInput, type AttributeOptions } from "./attributeSales.js";
export type { OrderLike, ConsultationLike } from "./columns.js";
export type * from "./types.js";
