import { IANAZone } from 'luxon';

// Instants are epoch milliseconds; a "local" value is milliseconds since 1970-01-01 00:00 on the
// wall clock, and a "day" is a whole number of local days since then.

export const MINUTE = 60_000;
export const DAY = 86_400_000;

export function isValidTimeZone(zone: string): boolean {
  return typeof zone === 'string' && IANAZone.isValidZone(zone);
}

interface Transition {
  at: number;
  before: number;
  after: number;
}

/**
 * Offsets (ms) of one zone, cached per half day. Luxon asks Intl for every offset (~10 µs),
 * which would dominate a day-by-day walk; offsets change a few times a year, so a half-day
 * bucket is either constant or holds one transition, found to the second by bisection.
 */
export class ZoneOffsets {
  private static readonly BUCKET = DAY / 2;
  private static readonly MAX_BUCKETS = 50_000;
  private readonly buckets = new Map<number, number | Transition>();

  constructor(private readonly zone: IANAZone) {}

  offsetAt(ms: number): number {
    const entry = this.bucket(Math.floor(ms / ZoneOffsets.BUCKET));
    if (typeof entry === 'number') return entry;
    return ms < entry.at ? entry.before : entry.after;
  }

  /** The first offset change in (after, upTo], if any. */
  transitionIn(after: number, upTo: number): number | null {
    const last = Math.floor(upTo / ZoneOffsets.BUCKET);
    for (let b = Math.floor(after / ZoneOffsets.BUCKET); b <= last; b++) {
      const entry = this.bucket(b);
      if (typeof entry !== 'number' && entry.at > after && entry.at <= upTo) return entry.at;
    }
    return null;
  }

  private bucket(index: number): number | Transition {
    const cached = this.buckets.get(index);
    if (cached !== undefined) return cached;
    const low = index * ZoneOffsets.BUCKET;
    const high = low + ZoneOffsets.BUCKET;
    const before = this.lookup(low);
    const after = this.lookup(high);
    let entry: number | Transition = before;
    if (before !== after) {
      // tzdb transitions fall on whole seconds, and bucket edges are whole seconds too.
      let unchanged = low;
      let changed = high;
      while (changed - unchanged > 1000) {
        const mid = unchanged + Math.floor((changed - unchanged) / 2000) * 1000;
        if (this.lookup(mid) === before) unchanged = mid;
        else changed = mid;
      }
      entry = { at: changed, before, after };
    }
    if (this.buckets.size >= ZoneOffsets.MAX_BUCKETS) this.buckets.clear();
    this.buckets.set(index, entry);
    return entry;
  }

  private lookup(ms: number): number {
    const minutes = this.zone.offset(ms);
    if (!Number.isFinite(minutes))
      throw new RangeError(`No UTC offset for ${ms} in ${this.zone.name}`);
    return Math.round(minutes * MINUTE);
  }
}

const zones = new Map<string, ZoneOffsets>();

export function zoneOffsets(name: string): ZoneOffsets {
  let offsets = zones.get(name);
  if (offsets === undefined) {
    if (!isValidTimeZone(name)) throw new RangeError(`Unknown time zone: ${name}`);
    // Names are validated but user-supplied; bound the cache against case variants and typos.
    if (zones.size >= 1000) zones.clear();
    offsets = new ZoneOffsets(IANAZone.create(name));
    zones.set(name, offsets);
  }
  return offsets;
}

export function localDayOf(zone: ZoneOffsets, ms: number): number {
  return Math.floor((ms + zone.offsetAt(ms)) / DAY);
}

/**
 * The first instant at which the wall clock reads `local` or later: in a spring-forward gap
 * that is the end of the gap, and of a repeated fall-back time, its first occurrence. Being
 * monotonic, it keeps each day's ranges in order and lets 24:00 meet the next day's 00:00.
 */
export function instantOfLocal(zone: ZoneOffsets, local: number): number {
  // Offsets a day either side bracket any instant whose wall time is `local` (|offset| < 1 day).
  const before = zone.offsetAt(local - DAY);
  const after = zone.offsetAt(local + DAY);
  if (before === after) return local - before;
  const first = local - before;
  const second = local - after;
  const firstValid = zone.offsetAt(first) === before;
  const secondValid = zone.offsetAt(second) === after;
  if (firstValid && secondValid) return Math.min(first, second);
  if (firstValid) return first;
  if (secondValid) return second;
  const low = Math.min(first, second);
  const high = Math.max(first, second);
  return zone.transitionIn(low, high) ?? high;
}
