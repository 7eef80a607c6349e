import { Strategy } from '../../domain/routing';

/** A pool as admins see and edit it. */
export interface PoolSettings {
  id: string;
  name: string;
  strategy: Strategy;
  allCoordinators: boolean;
  catchUpCap: number;
  isDefault: boolean;
  /** In rotation order; ignored when `allCoordinators`. */
  memberIds: string[];
}
