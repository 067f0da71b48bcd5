/**
 * Common English words that no Polish sentence of ours contains (Polish words spelt alike — "a", "to", "on", "by",
 * "import", "nie" — are left out, and so are technical names shown as they are: Point, features, GeoJSON). A Polish
 * text holding one of these has English leaking through.
 */
export const ENGLISH_WORDS: ReadonlySet<string> = new Set([
  'the', 'is', 'are', 'must', 'not', 'of', 'and', 'with', 'has', 'have', 'file', 'row', 'column', 'street', 'value',
  'this', 'that', 'was', 'could', 'should', 'for', 'from', 'there', 'which', 'been', 'cannot', 'only', 'more', 'than',
  'answer', 'answers', 'number', 'name', 'field', 'unit', 'wave', 'weight', 'need', 'needs', 'least', 'most', 'be',
]);
