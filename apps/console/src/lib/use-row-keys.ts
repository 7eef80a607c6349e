import { useHotkeys } from '@mantine/hooks';
import { useCallback, useRef, useState } from 'react';

/** Another dialog is open: list shortcuts stay out of its way. */
export function dialogOpen(): boolean {
  return document.querySelector('[role="dialog"]') !== null;
}

/**
 * j/k through a list's rows: moves the keyboard focus to the row's link, so Enter opens it
 * natively and the focus ring shows where you are. `setRow` and `focused` are the same functions
 * on every render, so memoized rows are not re-rendered by a key press, only the two whose
 * selection changed.
 */
export function useRowKeys(count: number) {
  const [index, setIndex] = useState(-1);
  const rows = useRef<(HTMLElement | null)[]>([]);

  const move = useCallback(
    (delta: number) => {
      if (count === 0 || dialogOpen()) return;
      setIndex((current) => {
        const next = Math.max(0, Math.min(count - 1, current + delta));
        rows.current[next]?.focus();
        rows.current[next]?.scrollIntoView({ block: 'nearest' });
        return next;
      });
    },
    [count],
  );

  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
  ]);

  /** The row's link element, by the row's place in the list. */
  const setRow = useCallback((i: number, el: HTMLElement | null) => {
    rows.current[i] = el;
  }, []);
  /** A row's link got the focus (a key, a click, Tab). */
  const focused = useCallback((i: number) => setIndex(i), []);
  return { index, setRow, focused };
}
