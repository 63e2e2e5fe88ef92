import { addDays, businessDate, businessTimeOn, clockMs, msIntoBusinessDay } from '@hub/domain';

/** No non-urgent SMS from 22:00 to 08:00 Beijing time: they wait, they are not dropped. */
export const QUIET_FROM = '22:00';
export const QUIET_UNTIL = '08:00';

/** When a non-urgent SMS may go at the earliest: null now, or the end of the quiet hours it falls in. */
export function quietHoursEnd(at: Date): Date | null {
  const ms = msIntoBusinessDay(at);
  const day = businessDate(at);
  if (ms >= clockMs(QUIET_FROM)) return businessTimeOn(addDays(day, 1), QUIET_UNTIL);
  if (ms < clockMs(QUIET_UNTIL)) return businessTimeOn(day, QUIET_UNTIL);
  return null;
}
