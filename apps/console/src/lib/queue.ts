import { useEffect, useState } from 'react';

const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, normal: 2 };

export interface QueueSortable {
  id: string;
  priority: string;
  dueAt: string;
  slaDeadline: string;
}

/**
 * The queue's order, as the API gives it (overdue first, then priority, then due time, then id)
 * but judged now: a row whose deadline passed while the page was open moves up without a fetch.
 */
export function sortQueue<T extends QueueSortable>(items: readonly T[], now: Date): T[] {
  const t = now.getTime();
  const overdue = (i: T) => (Date.parse(i.slaDeadline) <= t ? 0 : 1);
  return [...items].sort(
    (a, b) =>
      overdue(a) - overdue(b) ||
      (PRIORITY_RANK[a.priority] ?? 9) - (PRIORITY_RANK[b.priority] ?? 9) ||
      Date.parse(a.dueAt) - Date.parse(b.dueAt) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The crisis-flagged entries, pinned above the queue; each lead once. */
export function pinnedCrisis<T extends { leadId: string; crisisFlag: boolean }>(
  rows: readonly T[],
): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => r.crisisFlag && !seen.has(r.leadId) && seen.add(r.leadId));
}

/** Timers further out than this are clamped (setTimeout's limit is about 24.8 days). */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * The time to sort the queue at: now when the items change, and again just after each SLA
 * deadline passes, so an overdue row moves up while the page is open without the page
 * re-rendering every second.
 */
export function useSortTime(items: readonly { slaDeadline: string }[] | undefined): Date {
  const [sorted, setSorted] = useState(() => ({ items, at: new Date() }));
  // New items: sort them at the time they came (state adjusted while rendering, no extra pass).
  if (sorted.items !== items) setSorted({ items, at: new Date() });
  const sortedAt = sorted.at;
  useEffect(() => {
    const t = sortedAt.getTime();
    let next = Infinity;
    for (const item of items ?? []) {
      const deadline = Date.parse(item.slaDeadline);
      if (deadline > t && deadline < next) next = deadline;
    }
    if (next === Infinity) return;
    const timer = setTimeout(
      () => setSorted({ items, at: new Date() }),
      Math.min(next - Date.now() + 1, MAX_DELAY_MS),
    );
    return () => clearTimeout(timer);
  }, [items, sortedAt]);
  return sortedAt;
}
