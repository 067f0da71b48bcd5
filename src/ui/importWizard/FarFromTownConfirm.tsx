import { useT } from '../i18n/useT';

interface FarFromTownConfirmProps {
  /** The workspace's town, named in the question. */
  town: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/**
 * The answer to an import's `far_from_town` question (a file whose records lie far from the town): "Tak, ten plik
 * dotyczy miejscowości …". The same box for an area file (AreaImportPanel) and a table (ImportWizardView).
 */
export function FarFromTownConfirm({ town, checked, onChange }: FarFromTownConfirmProps) {
  const t = useT();
  return (
    <label className="import-confirm">
      <input type="checkbox" data-testid="import-far-confirm" checked={checked} onChange={(event) => onChange(event.currentTarget.checked)} />{' '}
      {t('importFarConfirm', { town })}
    </label>
  );
}
