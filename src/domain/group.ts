import { z } from 'zod';
import { Id, Name, Year } from './common';
import { PointGeometry } from './geometry';
import { NeedCategoryId } from './needs';

export const GROUP_KINDS = ['self_help', 'support', 'citizen', 'volunteer_club', 'senior_club', 'youth_club'] as const;
export const GroupKind = z.enum(GROUP_KINDS, { error: `group kind must be one of: ${GROUP_KINDS.join(', ')}` });
export type GroupKind = z.infer<typeof GroupKind>;

/** A self-help, support or citizen group, or a club, that meets somewhere in town. */
export const Group = z
  .strictObject({
    id: Id,
    name: Name,
    kind: GroupKind,
    /** The resource (institution) that hosts the meetings, if any. */
    meetingPlaceId: Id.optional(),
    location: PointGeometry,
    targetNeeds: z.array(NeedCategoryId).min(1, { message: 'a group addresses at least one need' }),
    activeFrom: Year,
    /** Last year active; absent while the group still meets. */
    activeTo: Year.optional(),
  })
  .refine((g) => g.activeTo === undefined || g.activeTo >= g.activeFrom, { message: 'activeTo must not be before activeFrom', path: ['activeTo'], params: { rule: 'end_before_start' } });
export type Group = z.infer<typeof Group>;
