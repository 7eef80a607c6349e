import { Injectable } from '@nestjs/common';
import { BlindIndex, sql, TransactionRunner } from '@intake/platform';
import { MATCHING_CHANNELS } from '../domain/duplicate-matching';
import { ContactDetails } from '../domain/inquiry';

/** What a note of an erased lead reads (and holds: `body` is required). */
export const ERASED_NOTE = '[erased]';

/** The operation that may pass the append-only guard: its row (erasures, retention_runs) is the audit. */
export interface PrivacyOperation {
  kind: 'erasure' | 'retention';
  id: string;
}

/** History keys whose values are personal: the key stays (that it changed), the values go. */
export const PERSONAL_HISTORY_FIELDS = [
  'email',
  'phone',
  'firstName',
  'lastName',
  'bestTimeToContact',
  'howDidYouHear',
] as const;

/** What the touches keep: campaign codes and times; the URLs, free-form terms and click ids go. */
const TOUCH_WIPE = `'{"landingPage": null, "referrer": null, "utmTerm": null, "utmContent": null, "gclid": null}'::jsonb`;

/** Each statement takes the ones it names. */
type Wipe = { leadIds: readonly string[]; at: Date; fields: readonly string[] };

// The person's email or phone can also wait on someone else's lead, brought by a request that
// matched that lead by its other channel: the waiting value goes, and so do the raw fields of
// the request that brought it (they hold it as typed).
const FORGET_CONTACTS = sql<{ channels: string[]; indexes: string[] }>(
  `WITH gone AS (
     DELETE FROM lead_contacts_to_confirm
      WHERE (channel, value_index) IN (SELECT * FROM unnest(:channels::text[], :indexes::text[]))
      RETURNING submission_id)
   UPDATE submissions SET fields = NULL, unknown_fields = NULL, user_agent = NULL, ip_hash = NULL
    WHERE id IN (SELECT submission_id FROM gone)`,
);

const OPEN_GUARD = sql<{ operation: string }>(
  `SELECT set_config('intake.privacy_operation', :operation, true)`,
);

/**
 * Everything that is wiped for a lead, as set-based statements over lead ids. The erasure and
 * retention's de-identification of closed leads both run exactly this list, so a new personal
 * column is added here once. Crosses into intake's `submissions` on purpose: one list is the
 * point.
 */
const STATEMENTS = [
  sql<Wipe>(
    `UPDATE leads SET first_name = NULL, last_name = NULL, email = NULL, phone = NULL,
            email_index = NULL, phone_index = NULL, name_index = '{}',
            best_time_to_contact = NULL, how_did_you_hear = NULL,
            first_touch = first_touch || ${TOUCH_WIPE}, latest_touch = latest_touch || ${TOUCH_WIPE},
            erased_at = coalesce(erased_at, :at::timestamptz)
      WHERE id = ANY(:leadIds::uuid[])`,
  ),
  // Crypto-shredding: without the lead's data key nothing sealed under it can be opened again,
  // wherever a copy of it is (a replica, a backup); the statements around it empty the columns.
  sql<Wipe>(`DELETE FROM data_keys WHERE id = ANY(:leadIds::uuid[])`),
  sql<Wipe>(
    `UPDATE lead_notes SET body = '${ERASED_NOTE}'
      WHERE lead_id = ANY(:leadIds::uuid[]) AND body <> '${ERASED_NOTE}'`,
  ),
  sql<Wipe>(
    `UPDATE lead_contact_attempts SET note = NULL
      WHERE lead_id = ANY(:leadIds::uuid[]) AND note IS NOT NULL`,
  ),
  sql<Wipe>(
    `DELETE FROM lead_contacts_to_confirm
      WHERE lead_id = ANY(:leadIds::uuid[])`,
  ),
  sql<Wipe>(
    `UPDATE lead_history h
        SET changes = (SELECT jsonb_object_agg(key, CASE WHEN key = ANY(:fields::text[])
                                                    THEN '{"from": null, "to": null}'::jsonb
                                                    ELSE value END)
                         FROM jsonb_each(h.changes))
      WHERE h.lead_id = ANY(:leadIds::uuid[]) AND h.changes ?| :fields::text[]
       `,
  ),
  sql<Wipe>(
    `UPDATE submissions
        SET fields = NULL, unknown_fields = NULL, user_agent = NULL, ip_hash = NULL,
            attribution = attribution || ${TOUCH_WIPE}
      WHERE lead_id = ANY(:leadIds::uuid[])`,
  ),
] as const;

@Injectable()
export class LeadDeidentifier {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly blind: BlindIndex,
  ) {}

  /**
   * De-identifies the leads in the caller's transaction, after opening the append-only guard
   * for `operation` (whose row must already be written in this transaction), until it commits.
   */
  async deidentify(
    leadIds: readonly string[],
    operation: PrivacyOperation,
    at: Date,
  ): Promise<void> {
    if (leadIds.length === 0) return;
    const manager = this.tx.requireTransaction();
    await this.openGuard(operation);
    for (const statement of STATEMENTS) {
      await statement.execute(manager, { leadIds, at, fields: PERSONAL_HISTORY_FIELDS });
    }
  }

  /**
   * Removes the person's email and phone wherever they wait to be confirmed, on any lead, with
   * the raw fields of the requests that brought them.
   */
  async forgetContacts(contacts: readonly ContactDetails[]): Promise<void> {
    const pairs = contacts.flatMap((c) =>
      MATCHING_CHANNELS.flatMap((channel) => {
        const index = this.blind.of(channel, c[channel]);
        return index === null ? [] : [[channel, index]];
      }),
    );
    if (pairs.length === 0) return;
    await FORGET_CONTACTS.execute(this.tx.requireTransaction(), {
      channels: pairs.map(([channel]) => channel),
      indexes: pairs.map(([, index]) => index),
    });
  }

  /**
   * Lets the append-only guard pass `operation`'s changes until the caller's transaction ends
   * (`SET LOCAL`); the guard still checks that the erasure or the running retention run exists.
   */
  async openGuard(operation: PrivacyOperation): Promise<void> {
    await OPEN_GUARD.rows(this.tx.requireTransaction(), {
      operation: `${operation.kind}:${operation.id}`,
    });
  }
}
