import { Command } from '@nestjs/cqrs';
import type { CrisisPageState } from '../../domain/crisis/crisis-page';

export interface AcknowledgeCrisisPageProps {
  readonly pageId: string;
  /** Who has the lead now. */
  readonly staffId: string;
  /** Goes on the lead's history line. */
  readonly requestId: string | null;
}

/**
 * A person has the crisis lead: the page stops escalating. The first acknowledgement counts;
 * another one (a second tap on the link, a colleague at the same moment) changes nothing.
 */
export class AcknowledgeCrisisPageCommand extends Command<CrisisPageState> {
  constructor(readonly props: AcknowledgeCrisisPageProps) {
    super();
  }
}
