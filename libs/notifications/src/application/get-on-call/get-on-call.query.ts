import { Query } from '@nestjs/cqrs';
import type { OnCallView } from './on-call-view';

/** The on-call rotation, who is on call now, and the uncovered times. */
export class GetOnCallQuery extends Query<OnCallView> {}
