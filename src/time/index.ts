// time/: instants, the shop's time zone, business days with the cut-over, and the periods (month, ISO week, day, range).
export { createZone, isValidTimeZone, wallMs, type AmbiguousTimes, type Zone, type WallTime } from "./zone.js";
export { parseInstant, scanInstant, describeInstantError, daysInMonth } from "./parse.js";
export {
  monthPeriod,
  dayPeriod,
  isoWeekPeriod,
  rangePeriod,
  parsePeriod,
  parseTimeOfDay,
  businessDateOf,
  businessDayNumber,
  startOfBusinessDay,
  isoWeekOf,
  monthIndexOf,
  monthLabel,
  formatInstant,
  dayNumberOfDate,
  dateOfDayNumber,
  weekdayOfDayNumber,
  addMonthsClamped,
  instantOfDayNumber,
  type Period,
} from "./period.js";
