import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'intake:public';

/**
 * Open to anyone: the intake endpoint, health, the demo. Every other route needs a credential
 * (the access context's guard reads this mark).
 */
export const Public = () => SetMetadata(IS_PUBLIC, true);
