import { useCallback, useState } from 'react';
import { clearDraft, readDraft, writeDraft } from './drafts';

/** A text field's value that survives a session expiry and sign-in (lib/drafts.ts). */
export function useDraft(key: string): [string, (value: string) => void, () => void] {
  const [value, setValue] = useState(() => readDraft(key));
  const set = useCallback(
    (next: string) => {
      setValue(next);
      writeDraft(key, next);
    },
    [key],
  );
  const clear = useCallback(() => {
    setValue('');
    clearDraft(key);
  }, [key]);
  return [value, set, clear];
}
