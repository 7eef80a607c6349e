import { CommandContext } from '../shared/command-context';

export class AddNoteCommand {
  constructor(
    readonly leadId: string,
    readonly body: string,
    readonly context: CommandContext,
  ) {}
}

export interface NoteView {
  id: string;
  leadId: string;
  authorId: string;
  body: string;
  createdAt: Date;
}
