// The day a response is stored under: the calendar day in the cluster's time zone, never a time.
import { dayIn, isCalendarDay } from '../../server/calendar';

describe('dayIn', () => {
  it('turns over at midnight in the given time zone, not at UTC midnight', () => {
    // Moscow is UTC+3: 20:59:59 UTC is 23:59:59 there, 21:00:00 UTC is the next day.
    expect(dayIn('Europe/Moscow', new Date('2026-11-22T20:59:59.999Z'))).toBe('2026-11-22');
    expect(dayIn('Europe/Moscow', new Date('2026-11-22T21:00:00.000Z'))).toBe('2026-11-23');
    expect(dayIn('UTC', new Date('2026-11-22T21:00:00.000Z'))).toBe('2026-11-22');
  });

  it('answers each time zone for itself within the same second (the day is remembered per second and zone)', () => {
    const instant = new Date('2026-12-31T22:30:00.000Z');
    expect(dayIn('Europe/Moscow', instant)).toBe('2027-01-01');
    expect(dayIn('Europe/London', instant)).toBe('2026-12-31');
    expect(dayIn('Asia/Vladivostok', instant)).toBe('2027-01-01');
    expect(dayIn('America/New_York', instant)).toBe('2026-12-31');
    expect(dayIn('Europe/Moscow', instant)).toBe('2027-01-01');
  });

  it('a different second is computed afresh: the cache never carries a day across midnight', () => {
    expect(dayIn('Europe/Moscow', new Date('2026-11-22T20:59:59.000Z'))).toBe('2026-11-22');
    expect(dayIn('Europe/Moscow', new Date('2026-11-22T20:59:59.999Z'))).toBe('2026-11-22');
    expect(dayIn('Europe/Moscow', new Date('2026-11-22T21:00:00.001Z'))).toBe('2026-11-23');
    // And back: a cached later day does not leak into an earlier second.
    expect(dayIn('Europe/Moscow', new Date('2026-11-22T20:59:58.000Z'))).toBe('2026-11-22');
  });
});

describe('isCalendarDay', () => {
  it('accepts a YYYY-MM-DD day that exists, including 29 February of a leap year', () => {
    expect(isCalendarDay('2026-11-22')).toBe(true);
    expect(isCalendarDay('2028-02-29')).toBe(true);
  });

  it('refuses days that do not exist and other spellings of a date', () => {
    for (const value of ['2026-02-29', '2026-13-01', '2026-04-31', '2026-1-5', '22.11.2026', '2026-11-22T00:00', '']) {
      expect(isCalendarDay(value)).toBe(false);
    }
  });
});
