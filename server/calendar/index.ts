export { ALWAYS_OPEN, addBusinessMinutes, addWorkingDays, alwaysOpen, businessMinutesBetween, isOpen, isWorkingDay, nextOpening } from './business-time.js'
export { type BusinessCalendar, type BusinessCalendarInput, businessCalendarSchema, DEFAULT_WEEKLY_HOURS, WEEKDAYS, type Weekday } from './calendar-schema.js'
export { NoOpenTimeError, SEARCH_HORIZON_DAYS } from './open-spans.js'
