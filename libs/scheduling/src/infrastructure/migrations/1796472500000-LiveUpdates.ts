import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live updates: every committed change to a lead or a follow-up is announced on the channel
 * `intake_lead_changes`, which each api instance LISTENs on to feed its coordinators' streams.
 * NOTIFY is transactional: PostgreSQL delivers it when the writing transaction commits and
 * drops it when it rolls back, so a stream never hears of a change that did not happen.
 *
 * The payload is ids and a version only, never a name, contact or text:
 * `{"leadId","ownerId","previousOwnerId","version","kind"}`. One notification per changed row;
 * an update that changes none of the fields a queue shows is skipped by the trigger's WHEN
 * clause, before the function even runs. Every intake and scheduling transaction already
 * notifies `intake_outbox`, so these add a few hundred bytes to the same commit-time queue write
 * and no new point where committing transactions wait for each other.
 *
 * Written by hand: TypeORM cannot express triggers.
 */
export class LiveUpdates1796472500000 implements MigrationInterface {
  name = 'LiveUpdates1796472500000';

  public async up(q: QueryRunner): Promise<void> {
    // A lead's version moves on every change to it (its state, contact attempts, priority,
    // owner, a resubmission); notes hang off it without changing it.
    await q.query(
      `CREATE FUNCTION lead_changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('intake_lead_changes', json_build_object(
           'leadId', NEW.id,
           'ownerId', NEW.owner_id,
           'previousOwnerId', CASE WHEN TG_OP = 'UPDATE' AND OLD.owner_id IS DISTINCT FROM NEW.owner_id
                                   THEN OLD.owner_id END,
           'version', NEW.version,
           'kind', CASE WHEN TG_OP = 'INSERT' THEN 'lead_created'
                        WHEN OLD.owner_id IS DISTINCT FROM NEW.owner_id THEN 'assigned'
                        ELSE 'lead_changed' END)::text);
         RETURN NULL;
       END $$`,
    );
    await q.query(
      `CREATE TRIGGER leads_notify_insert AFTER INSERT ON "leads"
         FOR EACH ROW EXECUTE FUNCTION lead_changes_notify()`,
    );
    await q.query(
      `CREATE TRIGGER leads_notify_update AFTER UPDATE ON "leads" FOR EACH ROW
         WHEN (OLD.version IS DISTINCT FROM NEW.version OR OLD.owner_id IS DISTINCT FROM NEW.owner_id)
         EXECUTE FUNCTION lead_changes_notify()`,
    );
    // For a follow-up, the owner is its assignee (whose queue it is in) and the version the
    // lead's as this transaction sees it: one primary-key lookup.
    await q.query(
      `CREATE FUNCTION follow_up_changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('intake_lead_changes', json_build_object(
           'leadId', NEW.lead_id,
           'ownerId', NEW.assignee_id,
           'previousOwnerId', CASE WHEN TG_OP = 'UPDATE' AND OLD.assignee_id IS DISTINCT FROM NEW.assignee_id
                                   THEN OLD.assignee_id END,
           'version', (SELECT version FROM leads WHERE id = NEW.lead_id),
           'kind', 'follow_up_changed')::text);
         RETURN NULL;
       END $$`,
    );
    await q.query(
      `CREATE TRIGGER follow_ups_notify_insert AFTER INSERT ON "follow_ups"
         FOR EACH ROW EXECUTE FUNCTION follow_up_changes_notify()`,
    );
    // The worker's due and overdue stamps change no queue: the console counts the SLA down itself.
    await q.query(
      `CREATE TRIGGER follow_ups_notify_update AFTER UPDATE ON "follow_ups" FOR EACH ROW
         WHEN (OLD.status IS DISTINCT FROM NEW.status
            OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id
            OR OLD.due_at IS DISTINCT FROM NEW.due_at
            OR OLD.sla_deadline IS DISTINCT FROM NEW.sla_deadline
            OR OLD.priority IS DISTINCT FROM NEW.priority
            OR OLD.kind IS DISTINCT FROM NEW.kind)
         EXECUTE FUNCTION follow_up_changes_notify()`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER follow_ups_notify_update ON "follow_ups"`);
    await q.query(`DROP TRIGGER follow_ups_notify_insert ON "follow_ups"`);
    await q.query(`DROP FUNCTION follow_up_changes_notify()`);
    await q.query(`DROP TRIGGER leads_notify_update ON "leads"`);
    await q.query(`DROP TRIGGER leads_notify_insert ON "leads"`);
    await q.query(`DROP FUNCTION lead_changes_notify()`);
  }
}
