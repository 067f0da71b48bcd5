import { prepareDataset } from '../../../analysis/dataset';
import { disclosedUnits, publishedMemberships, type UnitDisclosure } from '../../../analysis/disclosureControl';
import type { ExploreLayer } from '../../../analysis/exploreNeedMap';
import { NEED_CATEGORY_IDS, OFFER_IDS, type NeedCategoryId, type OfferId, type Workspace } from '../../../domain';

/**
 * The disclosure pattern for a partner package, by the layer's unit ids: the same rules a share link gets on the
 * server (supabase/README.md "Disclosure control"), computed over the whole published hierarchy (every street, every
 * area of every kind, the package's hexagon grid at the engine's origin), for one campaign and the selected needs — or
 * the selected offers (residents' resources): a household "has" the selection when it offers any of them, and the
 * same rules decide what is published and what is banded.
 * Prepares the dataset once (about 0.25 s for the demo town); called when the planner downloads a package.
 * @example packageDisclosure(workspace, 'w1', { needIds: ['housing'], minSeverity: 1 }, 5, layer, 250).get('street-lipowa')?.published
 */
export type DisclosedAnswers = { needIds: readonly NeedCategoryId[]; minSeverity: 1 | 2 | 3 } | { offerIds: readonly OfferId[] };

export function packageDisclosure(
  workspace: Workspace,
  campaignId: string,
  answers: DisclosedAnswers,
  k: number,
  layer: Pick<ExploreLayer, 'kind' | 'unitIds'>,
  hexSizeMeters: number,
): Map<string, UnitDisclosure> {
  const ds = prepareDataset(workspace);
  const [mask, masks] =
    'offerIds' in answers
      ? [answers.offerIds.reduce<number>((m, id) => m | (1 << OFFER_IDS.indexOf(id)), 0), ds.offerMasks]
      : [answers.needIds.reduce<number>((m, id) => m | (1 << NEED_CATEGORY_IDS.indexOf(id)), 0), ds.needMasksBySeverity[answers.minSeverity - 1]!];
  const homes = new Map(workspace.responses.map((r) => [r.id, r]));
  const grid = { sizeMeters: hexSizeMeters, originLng: ds.projection.originLng, originLat: ds.projection.originLat };
  const all = disclosedUnits(publishedMemberships(ds, campaignId, (i) => (masks[i]! & mask) !== 0, grid, homes), k);
  const out = new Map<string, UnitDisclosure>();
  for (const id of layer.unitIds) {
    // Hexagon unit ids are "hex<size>:<q>:<r>" in the engine and "q,r" in the pattern.
    const key = layer.kind === 'hex' ? `hex:${id.split(':').slice(1).join(',')}` : `${layer.kind === 'street' ? 'street' : 'area'}:${id}`;
    const found = all.get(key);
    if (found) out.set(id, found);
  }
  return out;
}
