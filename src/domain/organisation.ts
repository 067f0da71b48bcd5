import { z } from 'zod';
import { Id, Name } from './common';

export const ORGANISATION_KINDS = ['OPS', 'MOPS', 'MGOPS', 'GOPS', 'MOPR', 'other'] as const;

/** A social-welfare centre working as a CAL; every record belongs to one. */
export const Organisation = z.strictObject({
  id: Id,
  name: Name,
  kind: z.enum(ORGANISATION_KINDS),
  /** TERYT code of the gmina (7 digits: voivodeship, powiat, gmina, gmina type 1-5). */
  gminaTeryt: z.string().regex(/^\d{6}[1-5]$/, { message: 'gminaTeryt must be a 7-digit TERYT gmina code ending in the gmina type 1–5' }),
  town: Name,
});
export type Organisation = z.infer<typeof Organisation>;
