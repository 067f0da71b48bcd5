import { z } from 'zod';
import { Id } from './common';
import { PointGeometry } from './geometry';

/** House numbers as Polish addresses write them: 12, 12A, 12/3, 12A/3b. */
export const HouseNumber = z
  .string({ error: 'house number must be text' })
  .trim()
  .regex(/^[1-9]\d{0,3}[A-Za-z]?(\/[1-9]\d{0,3}[A-Za-z]?)?$/, { message: 'house number must look like 12, 12A or 12/3' });

export const Households = z.int({ error: 'households must be a whole number' }).min(1, { message: 'households must be at least 1' }).max(1000, { message: 'households must be at most 1000' });
export const Residents = z.int({ error: 'residents must be a whole number' }).min(1, { message: 'residents must be at least 1' }).max(5000, { message: 'residents must be at most 5000' });

/**
 * An address point with the number of households living there and, optionally, of residents (both from the gmina's
 * population register). An absent count is unknown, never 1: a response rate over an address whose households are
 * unknown cannot be computed, and the screens say so instead of dividing by an invented number.
 */
export const Address = z.strictObject({
  id: Id,
  streetId: Id,
  houseNumber: HouseNumber,
  location: PointGeometry,
  households: Households.optional(),
  residents: Residents.optional(),
});
export type Address = z.infer<typeof Address>;
