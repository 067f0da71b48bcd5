import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Folder boundaries from STYLE.md: ui → map, share, data, analysis → domain.
const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group, message: 'Import points the wrong way (see STYLE.md, "The house").' })) }],
});

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
);
