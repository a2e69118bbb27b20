// attribution/: who gets credit for each sale (落实下单 / 落实付款, silent orders), from consultations and orders.
export { attributeSales, safeAttributeSales, type SalesInput, type AttributeOptions, type OrderLike, type ConsultationLike } from "./attributeSales.js";
export type * from "./types.js";
