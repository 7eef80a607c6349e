export class GetFormAccessQuery {
  constructor(
    readonly formKey: string,
    readonly origin: string | null,
  ) {}
}

/** Whether a browser on `origin` may post to the form (CORS). */
export interface FormAccess {
  formKey: string;
  allowedOrigin: string | null;
}
