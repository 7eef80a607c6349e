import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionRunner } from '@intake/platform';
import { Role } from '../domain/role';
import { StaffMember } from '../domain/staff';
import { StaffOrmEntity } from './staff.orm-entity';

function toStaff(row: StaffOrmEntity): StaffMember {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role as Role,
    active: row.active,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

@Injectable()
export class StaffRepository {
  constructor(private readonly tx: TransactionRunner) {}

  async insert(staff: StaffMember): Promise<void> {
    await this.tx.manager().insert(StaffOrmEntity, staff);
  }

  /**
   * The staff member an OIDC subject maps to, created on first sight. Two first requests at
   * once both end with the one row.
   */
  async findOrInsertBySubject(
    oidc: { issuer: string; subject: string },
    staff: StaffMember,
  ): Promise<StaffMember> {
    await this.tx
      .manager()
      .createQueryBuilder()
      .insert()
      .into(StaffOrmEntity)
      .values({ ...staff, oidcIssuer: oidc.issuer, oidcSubject: oidc.subject })
      .orIgnore()
      .execute();
    return (await this.findByOidcSubject(oidc.issuer, oidc.subject))!;
  }

  /** `lock`: the row stays locked to the end of the transaction, so it is read as changed. */
  async findById(id: string, options: { lock?: boolean } = {}): Promise<StaffMember | null> {
    const row = await this.tx.manager().findOne(StaffOrmEntity, {
      where: { id },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return row ? toStaff(row) : null;
  }

  async findByIds(ids: string[]): Promise<StaffMember[]> {
    if (ids.length === 0) return [];
    const rows = await this.tx.manager().findBy(StaffOrmEntity, { id: In(ids) });
    return rows.map(toStaff);
  }

  async findActive(roles: readonly Role[]): Promise<StaffMember[]> {
    const rows = await this.tx.manager().find(StaffOrmEntity, {
      where: { active: true, role: In([...roles]) },
      order: { id: 'ASC' },
    });
    return rows.map(toStaff);
  }

  async findByOidcSubject(issuer: string, subject: string): Promise<StaffMember | null> {
    const row = await this.tx
      .manager()
      .findOneBy(StaffOrmEntity, { oidcIssuer: issuer, oidcSubject: subject });
    return row ? toStaff(row) : null;
  }

  /** Everyone with this email, case ignored, with whether a provider subject is linked yet. */
  async findByEmail(email: string): Promise<Array<StaffMember & { linked: boolean }>> {
    const rows = await this.tx
      .manager()
      .createQueryBuilder(StaffOrmEntity, 'staff')
      .where('lower(staff.email) = lower(:email)', { email })
      .orderBy('staff.id', 'ASC')
      .getMany();
    return rows.map((row) => ({ ...toStaff(row), linked: row.oidcSubject !== null }));
  }

  /**
   * Records the provider's subject on a member who has none yet; false when the member already
   * has one, or the subject belongs to someone else.
   */
  async linkOidcSubject(id: string, oidc: { issuer: string; subject: string }): Promise<boolean> {
    const result = await this.tx
      .manager()
      .createQueryBuilder()
      .update(StaffOrmEntity)
      .set({ oidcIssuer: oidc.issuer, oidcSubject: oidc.subject })
      .where('id = :id AND oidc_subject IS NULL', { id })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM staff other WHERE other.oidc_issuer = :issuer AND other.oidc_subject = :subject)',
        oidc,
      )
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async list(): Promise<StaffMember[]> {
    const rows = await this.tx
      .manager()
      .find(StaffOrmEntity, { order: { name: 'ASC', id: 'ASC' } });
    return rows.map(toStaff);
  }

  /** Writes only the given columns, so concurrent changes to other ones are kept. */
  async update(
    id: string,
    changes: Partial<Pick<StaffMember, 'name' | 'email' | 'role' | 'active' | 'updatedAt'>>,
  ): Promise<StaffMember | null> {
    await this.tx.manager().update(StaffOrmEntity, { id }, changes);
    return this.findById(id);
  }
}
