export { attributeSales, safeAttributeSales, type SalesInput, type AttributeOptions, type OrderLike, type ConsultationLike } from "./attributeSales.js";
export type * from "./types.js";
