import { z } from 'zod'

/** Value schemas shared by request bodies, queries and cursors. */

// PostgreSQL has no year 0, and JavaScript writes years past 9999 in a form PostgreSQL cannot read.
// (A value that is not a date at all has already been reported by the format check.)
const storableYear = (iso: string) => {
  const year = new Date(iso).getUTCFullYear()
  return Number.isNaN(year) || (year >= 1 && year <= 9999)
}
const YEAR_RANGE = 'must fall between the years 0001 and 9999'

export const Timestamp = z.iso
  .datetime({ offset: true })
  .refine(storableYear, YEAR_RANGE)
  .describe('RFC 3339 date-time, e.g. 2026-11-21T09:30:00Z')
export const DateOnly = z.iso.date().refine(storableYear, YEAR_RANGE).describe('Calendar date, YYYY-MM-DD')
export const HttpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .describe('http(s) URL')

export const text = (max: number) => z.string().trim().min(1).max(max)
