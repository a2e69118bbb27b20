// money/: exact money (integer fen, decimal.js) and the rounding rules; nothing here touches floating point.
export { parseFen, formatFen, describeFenError, FenError, MAX_AMOUNT_FEN } from "./fen.js";
export { Decimal, toDecimal, roundMoney, multiplyMoney, sumMoney, exactMoney, ratio, sumDecimals, compareDecimals } from "./decimal.js";
