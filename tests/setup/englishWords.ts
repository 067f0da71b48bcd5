import { loadLanguage, loadScreenWords, SCREEN_AREAS, type ScreenArea } from '../../src/ui/i18n/dictionary';

// The app fetches the English words when English is chosen, and a screen's own Polish words with the screen
// (dictionary.ts loadLanguage, loadScreenWords; the shell waits for them). Unit tests call translate(…) directly, so
// every test file starts with all of them loaded, through the same imports. tests/ui/dictionary.test.ts checks the
// lazy path itself on a fresh module.
await Promise.all([loadLanguage('en'), loadScreenWords(Object.keys(SCREEN_AREAS) as ScreenArea[])]);
