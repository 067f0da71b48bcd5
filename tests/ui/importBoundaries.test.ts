import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The project's own lint configuration guards src/ui's rooms (eslint.config.js): these cases prove the rule fires
// where it must and stays quiet where imports are allowed, so a broken pattern cannot pass unnoticed.
const eslint = new ESLint();
const restricted = async (filePath: string, source: string) => {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
};

describe('src/ui import boundaries', () => {
  it('a view importing another view fails lint', async () => {
    expect(await restricted('src/ui/report/Probe.ts', "import { CampaignsView } from '../surveys/CampaignsView';\nexport { CampaignsView };\n")).toHaveLength(1);
    expect(await restricted('src/ui/explore/export/Probe.ts', "import { ProgrammesView } from '../../programmes/ProgrammesView';\nexport { ProgrammesView };\n")).toHaveLength(1);
    expect(await restricted('src/ui/programmes/Probe.ts', "import '../resources/inventory.css';\n")).toHaveLength(1);
  });

  it('the floor (common, i18n, shell) imports no view, except the router and the app frame', async () => {
    expect(await restricted('src/ui/common/Probe.ts', "import { MapScreen } from '../explore/MapScreen';\nexport { MapScreen };\n")).toHaveLength(1);
    expect(await restricted('src/ui/shell/header/Probe.ts', "import { ReportView } from '../../report/ReportView';\nexport { ReportView };\n")).toHaveLength(1);
    expect(await restricted('src/ui/shell/screens.tsx', "import { ReportView } from '../report/ReportView';\nexport { ReportView };\n")).toHaveLength(0);
  });

  it('a view may import the floor, its own files and the layers below', async () => {
    const source = [
      "import { formatPercent } from '../common/format';",
      "import { useAppState } from '../shell/appStore';",
      "import { useT } from '../i18n/useT';",
      "import { needLabel } from './exploreText';",
      "import { MIN_RESPONSES } from '../../domain/units';",
      'export { formatPercent, useAppState, useT, needLabel, MIN_RESPONSES };',
      '',
    ].join('\n');
    expect(await restricted('src/ui/explore/Probe.ts', source)).toEqual([]);
  });
});
