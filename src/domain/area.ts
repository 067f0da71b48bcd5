import { z } from 'zod';
import { Id, Name } from './common';
import { AreaGeometry } from './geometry';

/** district = dzielnica, estate = osiedle, care_region = rejon opiekuńczy of a social worker. */
export const AREA_KINDS = ['district', 'estate', 'care_region', 'custom'] as const;
export const AreaKind = z.enum(AREA_KINDS, { error: `area kind must be one of: ${AREA_KINDS.join(', ')}` });
export type AreaKind = z.infer<typeof AreaKind>;

export const Area = z.strictObject({
  id: Id,
  name: Name,
  kind: AreaKind,
  /** The enclosing area (an estate's district), if any. */
  parentId: Id.optional(),
  geometry: AreaGeometry,
});
export type Area = z.infer<typeof Area>;
