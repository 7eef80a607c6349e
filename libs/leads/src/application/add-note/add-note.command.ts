import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../shared/command-context';

export interface AddNoteProps {
  readonly leadId: string;
  readonly body: string;
  readonly context: CommandContext;
}

export class AddNoteCommand extends Command<NoteView> {
  constructor(readonly props: AddNoteProps) {
    super();
  }
}

export interface NoteView {
  id: string;
  leadId: string;
  authorId: string;
  body: string;
  createdAt: Date;
}
