import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Folder boundaries from STYLE.md: ui → map, share, data, analysis → domain.
const restrict = (patterns, message = 'Import points the wrong way (see STYLE.md, "The house").') => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group, message })) }],
});

// Inside src/ui: views are rooms, shell/common/i18n the floor they stand on (DEVELOPERS.md, "Where things go").
// A view imports the floor and the layers below, never another view; the floor imports no view, except the shell's
// router (screens.tsx) and frame (App.tsx), which open them.
const UI_VIEWS = ['explore', 'importWizard', 'partner', 'programmes', 'report', 'resources', 'surveyForm', 'surveys'];
const viewPatterns = (views) => views.flatMap((v) => [`**/ui/${v}/**`, `../${v}/**`, `../../${v}/**`, `../../../${v}/**`]);
const VIEW_MESSAGE = 'A view never imports another view: move what both need to src/ui/common (or shell), or below src/ui.';
const FLOOR_MESSAGE = 'src/ui/common, src/ui/i18n and the shell import no view; only shell/screens.tsx and shell/App.tsx open them.';
const uiBoundaries = [
  ...UI_VIEWS.map((view) => ({ files: [`src/ui/${view}/**`], rules: restrict([viewPatterns(UI_VIEWS.filter((v) => v !== view))], VIEW_MESSAGE) })),
  { files: ['src/ui/common/**', 'src/ui/i18n/**', 'src/ui/shell/**'], ignores: ['src/ui/shell/screens.tsx', 'src/ui/shell/App.tsx'], rules: restrict([viewPatterns(UI_VIEWS)], FLOOR_MESSAGE) },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'tests/e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'react/no-danger': 'off',
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'User-supplied text is never set as HTML.' }],
    },
  },
  { files: ['src/domain/**'], rules: restrict([['**/analysis/**', '**/data/**', '**/map/**', '**/ui/**', '**/share/**', '**/worker/**', 'react', 'maplibre-gl']]) },
  { files: ['src/analysis/**'], rules: restrict([['**/data/**', '**/map/**', '**/ui/**', '**/share/**', '**/worker/**', 'react', 'maplibre-gl', '@supabase/*']]) },
  { files: ['src/map/**'], rules: restrict([['**/ui/**', '**/data/**', '**/worker/**', 'react']]) },
  { files: ['src/data/**'], rules: restrict([['**/ui/**', '**/map/**', 'react', 'maplibre-gl']]) },
  { files: ['src/share/**'], rules: restrict([['**/ui/**', '**/map/**', '**/data/**', 'react', 'maplibre-gl']]) },
  ...uiBoundaries,
);
