import { Query } from '@nestjs/cqrs';
export interface GetFormAccessProps {
  readonly formKey: string;
  readonly origin: string | null;
}

export class GetFormAccessQuery extends Query<FormAccess> {
  constructor(readonly props: GetFormAccessProps) {
    super();
  }
}

/** Whether a browser on `origin` may post to the form (CORS). */
export interface FormAccess {
  formKey: string;
  allowedOrigin: string | null;
}
