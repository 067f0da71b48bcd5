import { z } from 'zod';
import { Id, Name, ShortText, Year } from './common';
import { AreaGeometry } from './geometry';

/** A Local Activity Programme (Program Aktywności Lokalnej, PAL) over a target area. */
export const Programme = z
  .strictObject({
    id: Id,
    name: Name,
    yearFrom: Year,
    yearTo: Year,
    /** The area record the programme targets, if it is one of the known areas. */
    targetAreaId: Id.optional(),
    /** The target boundary (copied from the area or drawn by the planner). */
    targetGeometry: AreaGeometry,
    goals: z.array(ShortText).min(1, { message: 'a programme has at least one goal' }),
    partnerIds: z.array(Id),
  })
  .refine((p) => p.yearTo >= p.yearFrom, { message: 'yearTo must not be before yearFrom', path: ['yearTo'], params: { rule: 'end_before_start' } });
export type Programme = z.infer<typeof Programme>;
