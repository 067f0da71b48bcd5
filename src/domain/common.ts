import { z } from 'zod';

/** Record identifier: short, URL- and SQL-safe (letters, digits, `-`, `_`, `.`, `:`); UUIDs qualify. */
export const Id = z
  .string({ error: 'id must be text' })
  .min(1, { message: 'id must not be empty' })
  .max(64, { message: 'id must be at most 64 characters' })
  .regex(/^[A-Za-z0-9._:-]+$/, { message: 'id may contain only letters, digits and . _ : -' });
export type Id = z.infer<typeof Id>;

/** Calendar date `YYYY-MM-DD` that exists (2025-02-30 is rejected). */
export const IsoDate = z.iso.date({ error: 'date must be a real calendar date written YYYY-MM-DD' });
export type IsoDate = z.infer<typeof IsoDate>;

/** A year in which a CAL could plausibly act. */
export const Year = z.int({ error: 'year must be a whole number' }).min(1990, { message: 'year must be 1990 or later' }).max(2100, { message: 'year must be 2100 or earlier' });

/** Human-readable name: trimmed, non-empty, bounded. */
export const Name = z
  .string({ error: 'name must be text' })
  .trim()
  .min(1, { message: 'name must not be empty' })
  .max(200, { message: 'name must be at most 200 characters' });

/** Short text written by staff about institutions or programmes (never about a surveyed household). */
export const ShortText = z.string().trim().min(1, { message: 'text must not be empty' }).max(500, { message: 'text must be at most 500 characters' });

/** The local calendar date of `date` as YYYY-MM-DD (not toISOString, which is UTC and can be yesterday after midnight). */
export function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
