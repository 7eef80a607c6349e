import type { AlertKind } from '../../domain/alert';
import type { AlertChannel } from '../../domain/alert-settings';

export interface DeadDelivery {
  id: string;
  staffId: string;
  channel: AlertChannel;
  kinds: AlertKind[];
  alertCount: number;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  deadAt: Date;
}
