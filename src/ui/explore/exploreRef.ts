import type { FeatureRef } from '../shell/appStore';

/** Selections the explore panel explains (street, estate, district, hexagon, problem cluster): ExploreDetails.tsx. */
export const isExploreRef = (ref: FeatureRef | null): ref is FeatureRef & { kind: 'street' | 'estate' | 'district' | 'hex' | 'cluster' } =>
  ref !== null && (ref.kind === 'street' || ref.kind === 'estate' || ref.kind === 'district' || ref.kind === 'hex' || ref.kind === 'cluster');
