import { Injectable } from '@nestjs/common';
import type { ConsentKind } from '@intake/kernel';
import { sql, TransactionRunner } from '@intake/platform';
import { ConsentWording } from '../domain/form-consent';
import { consentWordings } from './intake.tables';

const OF_FORM = sql<{ formKey: string }, ConsentWording>(
  `SELECT ${consentWordings.select()} FROM consent_wordings
    WHERE form_key = :formKey ORDER BY kind, version DESC`,
);
const CURRENT_VERSIONS = sql<{ formKey: string }, Pick<ConsentWording, 'kind' | 'version'>>(
  `SELECT DISTINCT ON (kind) ${consentWordings.select(['kind', 'version'])} FROM consent_wordings
    WHERE form_key = :formKey ORDER BY kind, version DESC`,
);
const PUBLISHED = ['formKey', 'kind', 'text', 'createdAt', 'createdBy'] as const;
// The next version of the kind; the caller holds the form's row lock, so two never race.
const PUBLISH = sql<Record<(typeof PUBLISHED)[number], unknown>, ConsentWording>(
  `INSERT INTO consent_wordings (${[...PUBLISHED, 'version' as const].map((p) => consentWordings.col(p)).join(', ')})
   SELECT :formKey, :kind, :text, :createdAt, :createdBy, coalesce(max(version), 0) + 1
     FROM consent_wordings WHERE form_key = :formKey AND kind = :kind
   RETURNING ${consentWordings.select()}`,
);

/** The consent wording each form shows, versioned per kind. */
@Injectable()
export class ConsentWordingRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Every version of every kind, newest first within a kind. */
  ofForm(formKey: string): Promise<ConsentWording[]> {
    return OF_FORM.rows(this.tx.manager(), { formKey });
  }

  /** The version each kind shows now; a kind with no wording is absent. */
  async currentVersions(formKey: string): Promise<Partial<Record<ConsentKind, number>>> {
    const rows = await CURRENT_VERSIONS.rows(this.tx.manager(), { formKey });
    return Object.fromEntries(rows.map((r) => [r.kind, r.version]));
  }

  async publish(
    wording: Pick<ConsentWording, (typeof PUBLISHED)[number]>,
  ): Promise<ConsentWording> {
    const row = await PUBLISH.one(
      this.tx.requireTransaction(),
      consentWordings.params(PUBLISHED, wording),
    );
    return row!;
  }
}
