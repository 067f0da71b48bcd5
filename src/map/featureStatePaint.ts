import type { ExpressionSpecification } from '@maplibre/maplibre-gl-style-spec';

/**
 * A constant paint value written as a feature-state expression that always gives `value`.
 *
 * For a paint property that setPaintProperty switches between a feature-state expression and a plain value: MapLibre
 * (6.x, ProgramConfiguration.updatePaintArrays) keeps the tiles built with the old, state-dependent value until they
 * are rebuilt, and a setFeatureState that reaches such a tile in between evaluates the property's new value as an
 * expression; a constant has none, and the page throws "this.expression.evaluate is not a function". Such a property
 * therefore never becomes a constant: it stays state-dependent (`isStateDependent`) whatever the view.
 *
 * Example: constantOverState('#ffffff') → ['case', ['boolean', ['feature-state', 'selected'], false], '#ffffff', '#ffffff']
 */
export function constantOverState(value: string | number, key = 'selected'): ExpressionSpecification {
  return ['case', ['boolean', ['feature-state', key], false], value, value];
}
