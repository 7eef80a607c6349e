/**
 * Lower-case and accent-free: NFKD splits accented letters and folds compatibility forms
 * (full-width letters, ligatures); combining marks and invisible format characters (zero-width
 * spaces, soft hyphens) are dropped. Crisis detection and name search both read text this way.
 */
export function foldAccents(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .toLowerCase();
}

/** How names are stored for search and how a search is matched: folded, spaces collapsed. */
export function foldForSearch(text: string): string {
  return foldAccents(text).replace(/\s+/g, ' ').trim();
}
