/**
 * Calendar covariates of the forecast's target day, one-hot: `dayofweek` (7 columns, Monday..Sunday)
 * and `month` (12 columns). The target day is the row after the window's last day; after the
 * data's last row it is the next weekday (trading days, so weekends are skipped).
 */
export type CalendarFeature = 'dayofweek' | 'month';

/** The covariates, for flag parsing and help texts. */
export const CALENDAR_FEATURES: readonly CalendarFeature[] = ['dayofweek', 'month'];

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Column names of the covariates, e.g. ["dow=Mon", …, "dow=Sun"]. */
export function calendarNames(features: readonly CalendarFeature[]): string[] {
  return features.flatMap((f) => (f === 'dayofweek' ? DAYS.map((d) => `dow=${d}`) : MONTHS.map((m) => `month=${m}`)));
}

/** The one-hot covariates of `date` (YYYY-MM-DD). */
export function calendarValues(features: readonly CalendarFeature[], date: string): number[] {
  const day = new Date(`${date}T00:00:00Z`);
  return features.flatMap((f) => {
    const hot = f === 'dayofweek' ? (day.getUTCDay() + 6) % 7 : day.getUTCMonth();
    return Array.from({ length: f === 'dayofweek' ? 7 : 12 }, (_, i) => (i === hot ? 1 : 0));
  });
}

/** The weekday after `date`: the target day of a forecast made on the data's last row. */
export function nextWeekday(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  do day.setUTCDate(day.getUTCDate() + 1);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  return day.toISOString().slice(0, 10);
}

/** The target day of a window ending at row `origin`. */
export function targetDay(dates: readonly string[], origin: number): string {
  return dates[origin + 1] ?? nextWeekday(dates[origin]!);
}
