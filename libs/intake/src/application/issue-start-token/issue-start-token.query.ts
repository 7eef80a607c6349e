import { Query } from '@nestjs/cqrs';
export interface IssueStartTokenProps {
  readonly formKey: string;
  readonly origin: string | null;
}

export class IssueStartTokenQuery extends Query<IssuedStartToken> {
  constructor(readonly props: IssueStartTokenProps) {
    super();
  }
}

/** A start token for a form page, and until when it is good. */
export interface IssuedStartToken {
  formKey: string;
  startToken: string;
  expiresAt: Date;
  /** The Origin to echo for CORS, when it was allowed. */
  allowedOrigin: string | null;
}
