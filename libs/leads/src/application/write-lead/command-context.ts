import type { Actor } from '@intake/access';

/** Who issued a command, and the HTTP request it came in (for history). */
export interface CommandContext {
  actor: Actor;
  requestId: string | null;
}
