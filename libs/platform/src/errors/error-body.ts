import { FieldError } from '@intake/kernel';

/** The one public error shape. */
export interface ErrorBody {
  error: { code: string; message: string; fields: FieldError[]; requestId: string };
}
