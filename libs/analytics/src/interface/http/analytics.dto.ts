import { IsIn, IsOptional } from 'class-validator';
import { IsTimestamp } from '@intake/platform';
import { FUNNEL_GROUPS, FunnelGroup } from '../../domain/group-keys';

/** `[from, to)` over `lead.submitted`'s `submittedAt`; defaults: the 30 days up to now. */
export class WindowRequest {
  @IsOptional()
  @IsTimestamp()
  from?: string;

  @IsOptional()
  @IsTimestamp()
  to?: string;
}

export class FunnelRequest extends WindowRequest {
  @IsOptional()
  @IsIn(FUNNEL_GROUPS)
  groupBy?: FunnelGroup;
}
