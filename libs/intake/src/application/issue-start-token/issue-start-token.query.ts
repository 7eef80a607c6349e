export class IssueStartTokenQuery {
  constructor(
    readonly formKey: string,
    readonly origin: string | null,
  ) {}
}

/** A start token for a form page, and until when it is good. */
export interface IssuedStartToken {
  formKey: string;
  startToken: string;
  expiresAt: Date;
  /** The Origin to echo for CORS, when it was allowed. */
  allowedOrigin: string | null;
}
