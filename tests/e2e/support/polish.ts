/** A number and the Polish form of its noun, as the app's plural blocks choose it (Intl.PluralRules): 1 obszar, 2 obszary, 5 obszarów. */
export function plCount(n: number, one: string, few: string, many: string): string {
  const form = { one, few, many }[new Intl.PluralRules('pl-PL').select(n) as 'one' | 'few' | 'many'] ?? many;
  return `${new Intl.NumberFormat('pl-PL').format(n)} ${form}`;
}
