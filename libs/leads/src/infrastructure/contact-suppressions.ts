import { Injectable } from '@nestjs/common';
import { BlindIndex, sql, TransactionRunner } from '@intake/platform';
import { ContactDetails } from '../domain/inquiry';
import { MATCHING_CHANNELS } from '../domain/duplicate-matching';
import { contactSuppressions } from './leads.tables';

const SUPPRESS = sql<{
  id: string;
  channel: string;
  valueHash: string;
  createdAt: Date;
  erasureId: string;
}>(`${contactSuppressions.insert()} ON CONFLICT (channel, value_hash) DO NOTHING`);

const ANY_SUPPRESSED = sql<{ channels: string[]; hashes: string[] }, { n: number }>(
  `SELECT count(*)::int AS n FROM contact_suppressions s
     JOIN unnest(:channels::text[], :hashes::text[]) AS c(channel, value_hash)
       ON s.channel = c.channel AND s.value_hash = c.value_hash`,
);

/**
 * Do-not-contact, kept only when the person asked: the blind index of the normalized email or
 * phone (keyed HMAC-SHA256, `PRIVACY_INDEX_KEY`, the same a lead's `email_index` holds), never
 * the value. Unkeyed, a phone number's hash is reversed in minutes.
 */
@Injectable()
export class ContactSuppressions {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly blind: BlindIndex,
  ) {}

  async suppress(contact: ContactDetails, erasureId: string, at: Date, ids: () => string) {
    for (const { channel, hash } of this.hashes(contact)) {
      await SUPPRESS.execute(this.tx.requireTransaction(), {
        id: ids(),
        channel,
        valueHash: hash,
        createdAt: at,
        erasureId,
      });
    }
  }

  async isSuppressed(contact: ContactDetails): Promise<boolean> {
    const hashes = this.hashes(contact);
    if (hashes.length === 0) return false;
    const row = await ANY_SUPPRESSED.one(this.tx.manager(), {
      channels: hashes.map((h) => h.channel),
      hashes: hashes.map((h) => h.hash),
    });
    return (row?.n ?? 0) > 0;
  }

  private hashes(contact: ContactDetails): Array<{ channel: string; hash: string }> {
    return MATCHING_CHANNELS.flatMap((channel) => {
      const hash = this.blind.of(channel, contact[channel]);
      return hash === null ? [] : [{ channel, hash }];
    });
  }
}
