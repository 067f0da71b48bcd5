import { z } from 'zod';
import { Id } from './common';
import { PointGeometry } from './geometry';

/** House numbers as Polish addresses write them: 12, 12A, 12/3, 12A/3b. */
export const HouseNumber = z
  .string({ error: 'house number must be text' })
  .trim()
  .regex(/^[1-9]\d{0,3}[A-Za-z]?(\/[1-9]\d{0,3}[A-Za-z]?)?$/, { message: 'house number must look like 12, 12A or 12/3' });

/** An address point with the number of households living there. */
export const Address = z.strictObject({
  id: Id,
  streetId: Id,
  houseNumber: HouseNumber,
  location: PointGeometry,
  households: z.int({ error: 'households must be a whole number' }).min(1, { message: 'households must be at least 1' }).max(1000, { message: 'households must be at most 1000' }),
});
export type Address = z.infer<typeof Address>;
