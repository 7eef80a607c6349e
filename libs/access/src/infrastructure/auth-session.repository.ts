import { Injectable } from '@nestjs/common';
import { deleteInBatches, RowOf, sql, TransactionRunner } from '@intake/platform';
import { Role } from '../domain/role';
import { SessionTimes } from '../domain/session';
import { pendingLogins } from './access.tables';
import { AuthSessionOrmEntity } from './auth-session.orm-entity';

export interface AuthSessionRecord extends SessionTimes {
  id: string;
  tokenHash: string;
  staffId: string;
  csrfToken: string;
}

/** A session with its staff member, as one indexed lookup per request reads it. */
export interface AuthSessionWithStaff extends AuthSessionRecord {
  staff: { id: string; name: string; email: string | null; role: Role; active: boolean };
}

export type PendingLoginRecord = RowOf<typeof pendingLogins.columns>;

const INSERT_PENDING_LOGIN = sql<PendingLoginRecord>(pendingLogins.insert());

const TAKE_PENDING_LOGIN = sql<{ stateHash: string }, PendingLoginRecord>(
  `DELETE FROM auth_pending_logins WHERE state_hash = :stateHash RETURNING ${pendingLogins.select()}`,
);

const DELETE_ENDED_SESSIONS = sql<{ before: Date; batch: number }>(
  `DELETE FROM auth_sessions WHERE id IN (
     SELECT id FROM auth_sessions WHERE expires_at < :before LIMIT :batch)`,
);

const DELETE_EXPIRED_LOGINS = sql<{ before: Date; batch: number }>(
  `DELETE FROM auth_pending_logins WHERE state_hash IN (
     SELECT state_hash FROM auth_pending_logins WHERE expires_at < :before LIMIT :batch)`,
);

/** Sessions and pending sign-ins; both keyed by hashes of what the browser holds. */
@Injectable()
export class AuthSessionRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(session: AuthSessionRecord): Promise<void> {
    await this.tx.manager().insert(AuthSessionOrmEntity, session);
  }

  async findByTokenHash(tokenHash: string): Promise<AuthSessionWithStaff | null> {
    const row = await this.tx
      .manager()
      .findOne(AuthSessionOrmEntity, { where: { tokenHash }, relations: { staff: true } });
    if (!row || !row.staff) return null;
    const { staff, ...session } = row;
    return {
      ...session,
      staff: {
        id: staff.id,
        name: staff.name,
        email: staff.email,
        role: staff.role as Role,
        active: staff.active,
      },
    };
  }

  async touch(id: string, times: Pick<SessionTimes, 'lastSeenAt' | 'expiresAt'>): Promise<void> {
    await this.tx.manager().update(AuthSessionOrmEntity, { id }, times);
  }

  /** True when there was such a session. */
  async delete(id: string): Promise<boolean> {
    const result = await this.tx.manager().delete(AuthSessionOrmEntity, { id });
    return (result.affected ?? 0) > 0;
  }

  async insertPendingLogin(login: PendingLoginRecord): Promise<void> {
    await INSERT_PENDING_LOGIN.execute(this.tx.manager(), login);
  }

  /** Takes the pending sign-in out, so a state is good for one callback only. */
  takePendingLogin(stateHash: string): Promise<PendingLoginRecord | null> {
    return TAKE_PENDING_LOGIN.one(this.tx.manager(), { stateHash });
  }

  /**
   * Sessions ended before `sessionsBefore` (kept a while after they end, so a late request
   * hears `AUTH.SESSION_EXPIRED` rather than a bare 401) and sign-ins never finished by `now`.
   */
  async pruneExpired(
    sessionsBefore: Date,
    now: Date,
  ): Promise<{ sessions: number; logins: number }> {
    const sessions = await deleteInBatches(this.tx.manager(), DELETE_ENDED_SESSIONS, {
      before: sessionsBefore,
    });
    const logins = await deleteInBatches(this.tx.manager(), DELETE_EXPIRED_LOGINS, {
      before: now,
    });
    return { sessions, logins };
  }
}
