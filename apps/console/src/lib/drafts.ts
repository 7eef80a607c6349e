/**
 * What a coordinator has typed and not yet saved, kept in sessionStorage as they type: a session
 * that expires sends them to sign in, and the text is there when they come back (same tab).
 */
const PREFIX = 'intake.draft.';

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

export function readDraft(key: string): string {
  return storage()?.getItem(PREFIX + key) ?? '';
}

export function writeDraft(key: string, value: string): void {
  const s = storage();
  if (!s) return;
  if (value === '') s.removeItem(PREFIX + key);
  else s.setItem(PREFIX + key, value);
}

export function clearDraft(key: string): void {
  storage()?.removeItem(PREFIX + key);
}

export function draftKeys(): string[] {
  const s = storage();
  if (!s) return [];
  return Array.from({ length: s.length }, (_, i) => s.key(i))
    .filter((k): k is string => k !== null && k.startsWith(PREFIX))
    .map((k) => k.slice(PREFIX.length));
}
