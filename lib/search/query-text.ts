/** Turning what a shopper typed into safe search terms. */

export const MAX_QUERY_LENGTH = 200;

/** PostgreSQL text cannot hold U+0000: a NUL typed into a search (or a filter) is dropped, not a 500. */
export function withoutNul(text: string): string {
  return text.replace(/\u0000/g, '');
}
const MAX_TOKENS = 8;

/** Lower-cased words (letters and digits of any script), at most 8, each at most 40 characters. Nothing else survives. */
export function tokenize(query: string): string[] {
  const words = query.toLowerCase().normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(0, MAX_TOKENS).map((w) => w.slice(0, 40));
}

/** A prefix-matching tsquery of all the words ("red snea" → "red:* & snea:*"). Tokens hold no tsquery syntax. */
export function prefixTsQuery(tokens: readonly string[]): string {
  return tokens.map((t) => `${t}:*`).join(' & ');
}
