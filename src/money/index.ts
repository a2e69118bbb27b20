export { parseFen, formatFen, describeFenError, FenError, MAX_AMOUNT_FEN } from "./fen.js";
export { Decimal, toDecimal, roundMoney, multiplyMoney, sumMoney, exactMoney, ratio, sumDecimals, compareDecimals } from "./decimal.js";
