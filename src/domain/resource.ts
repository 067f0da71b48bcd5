import { z } from 'zod';
import { Id, IsoDate, Name, ShortText } from './common';
import { PointGeometry } from './geometry';
import { NeedCategoryId } from './needs';

/** Institutions and partners a CAL inventories (zasoby instytucjonalne). */
export const RESOURCE_KINDS = [
  'ops', 'kis', 'school', 'kindergarten', 'culture_house', 'library', 'parish', 'police',
  'health_centre', 'ngo', 'senior_club', 'youth_club', 'sports_club', 'labour_office',
  'housing_coop', 'business', 'community_centre', 'other',
] as const;
export const ResourceKind = z.enum(RESOURCE_KINDS, { error: `resource kind must be one of: ${RESOURCE_KINDS.join(', ')}` });
export type ResourceKind = z.infer<typeof ResourceKind>;

export const Resource = z.strictObject({
  id: Id,
  name: Name,
  kind: ResourceKind,
  location: PointGeometry,
  /** Postal address as written, e.g. "ul. Szkolna 4". */
  address: ShortText.optional(),
  serves: z.array(NeedCategoryId),
  /** Date the partner signed the local partnership declaration, if it did. */
  partnershipDeclaredOn: IsoDate.optional(),
  /** Names of coalitions the partner belongs to, e.g. "Koalicja na rzecz bezdomnych". */
  coalitions: z.array(Name),
});
export type Resource = z.infer<typeof Resource>;
