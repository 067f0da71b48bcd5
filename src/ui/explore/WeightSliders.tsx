import { WEIGHT_MAX } from '../../domain/units';
import { useT } from '../i18n/useT';

/**
 * The sliders of a weighted index, 0–5 in halves, one row per answer: the need index's needs and the potential
 * index's offers use this one component. `idPrefix` names each slider (`weight-housing`, `offer-weight-tutoring`)
 * and `dataName` its data attribute (`data-need`, `data-offer`) for tests; the warning shows while every weight is 0.
 */
export function WeightSliders<Id extends string>({
  legend,
  hint,
  hintId,
  zeroWarning,
  items,
  values,
  idPrefix,
  dataName,
  onChange,
  testId,
}: {
  legend: string;
  hint: string;
  hintId: string;
  zeroWarning: string;
  items: ReadonlyArray<{ id: Id; label: string }>;
  values: Readonly<Record<Id, number>>;
  idPrefix: string;
  dataName: 'need' | 'offer';
  onChange: (id: Id, weight: number) => void;
  testId?: string;
}) {
  const t = useT();
  const allZero = items.every((item) => !(values[item.id] > 0));
  return (
    <fieldset className="weights" data-testid={testId} aria-describedby={hintId}>
      <legend className="field-label">{legend}</legend>
      <p className="hint" id={hintId}>
        {hint}
      </p>
      {items.map((item) => (
        <div key={item.id} className="weight-row">
          <label htmlFor={`${idPrefix}${item.id}`}>{item.label}</label>
          <input
            id={`${idPrefix}${item.id}`}
            type="range"
            min={0}
            max={WEIGHT_MAX}
            step={0.5}
            value={values[item.id]}
            {...{ [`data-${dataName}`]: item.id }}
            aria-valuetext={t('exploreWeightValue', { value: values[item.id] })}
            onChange={(e) => onChange(item.id, e.currentTarget.valueAsNumber)}
          />
          <output htmlFor={`${idPrefix}${item.id}`}>{values[item.id]}</output>
        </div>
      ))}
      {allZero ? (
        <p className="form-error" role="alert">
          {zeroWarning}
        </p>
      ) : null}
    </fieldset>
  );
}
