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

  async insert(
    staff: StaffMember,
    oidc: { issuer: string; subject: string } | null = null,
  ): Promise<void> {
    await this.tx.manager().insert(StaffOrmEntity, {
      ...staff,
      oidcIssuer: oidc?.issuer ?? null,
      oidcSubject: oidc?.subject ?? null,
    });
  }

  async findById(id: string): Promise<StaffMember | null> {
    const row = await this.tx.manager().findOneBy(StaffOrmEntity, { id });
    return row ? toStaff(row) : null;
  }

  async findByIds(ids: string[]): Promise<StaffMember[]> {
    if (ids.length === 0) return [];
    const rows = await this.tx.manager().findBy(StaffOrmEntity, { id: In(ids) });
    return rows.map(toStaff);
  }

  async findByOidcSubject(issuer: string, subject: string): Promise<StaffMember | null> {
    const row = await this.tx
      .manager()
      .findOneBy(StaffOrmEntity, { oidcIssuer: issuer, oidcSubject: subject });
    return row ? toStaff(row) : null;
  }

  async list(): Promise<StaffMember[]> {
    const rows = await this.tx
      .manager()
      .find(StaffOrmEntity, { order: { name: 'ASC', id: 'ASC' } });
    return rows.map(toStaff);
  }

  async update(staff: StaffMember): Promise<void> {
    const { id, ...fields } = staff;
    await this.tx.manager().update(StaffOrmEntity, { id }, fields);
  }
}
