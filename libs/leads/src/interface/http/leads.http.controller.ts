import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, RequirePermission } from '@intake/access';
import {
  ApiErrorResponses,
  JsonBodyInterceptor,
  oneOfParam,
  RequestId,
  uuidParam,
} from '@intake/platform';
import { AddNoteCommand } from '../../application/add-note/add-note.command';
import { AssignOwnerCommand } from '../../application/assign-owner/assign-owner.command';
import { ChangePriorityCommand } from '../../application/change-priority/change-priority.command';
import {
  CONTACT_DECISIONS,
  ContactDecision,
  DecideContactCommand,
} from '../../application/decide-contact/decide-contact.command';
import { GetLeadQuery } from '../../application/get-lead/get-lead.query';
import { ListLeadsQuery } from '../../application/list-leads/list-leads.query';
import { parseSearchTerm } from '../../application/list-leads/search-term';
import { ListNotesQuery } from '../../application/list-notes/list-notes.query';
import { RecordContactAttemptCommand } from '../../application/record-contact-attempt/record-contact-attempt.command';
import { LeadPresenter } from '../../application/present-lead/lead-presenter';
import { WriteResult } from '../../application/write-lead/lead-writer';
import { TransitionLeadCommand } from '../../application/transition-lead/transition-lead.command';
import { ContactWarningResponse } from './contact-receipt.dto';
import { decodeCursor, encodeCursor } from './lead-cursor';
import { setLeadEtag } from './etag';
import { LeadWriteRequest, WriteRequest } from './lead-write-request';
import {
  AddNoteRequest,
  AssignOwnerRequest,
  ChangePriorityRequest,
  ContactAttemptRequest,
  ListLeadsRequest,
  TransitionRequest,
} from './lead-requests.dto';
import {
  ContactAttemptRecordedResponse,
  ContactAttemptResponse,
  LeadDetailResponse,
  LeadPageResponse,
  LeadResponse,
  NoteListResponse,
  NoteResponse,
} from './lead-responses.dto';

const leadId = uuidParam('leadId');

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description:
    'The ETag from your last read: the write is refused with 412 if the lead changed since.',
};

/** The coordinator API: read the queue and the lead, and work it. */
@ApiTags('leads')
@ApiErrorResponses(401, 403)
@UseInterceptors(JsonBodyInterceptor)
@Controller('v1/leads')
export class LeadsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly presenter: LeadPresenter,
  ) {}

  @Get()
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'listLeads',
    summary: 'Find leads: filters, search, sort and cursor pagination',
  })
  @ApiOkResponse({ type: LeadPageResponse })
  @ApiErrorResponses(400)
  async list(
    @Query() query: ListLeadsRequest,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string | null,
  ): Promise<LeadPageResponse> {
    const sort = query.sort ?? '-created';
    const page = await this.queries.execute(
      new ListLeadsQuery({
        filter: {
          statuses: query.status ?? [],
          ownerId: query.ownerId === 'me' ? actor.staffId : (query.ownerId ?? null),
          unassigned: query.unassigned ?? false,
          priorities: query.priority ?? [],
          crisisFlag: query.crisisFlag ?? null,
          formKey: query.formKey ?? null,
          source: query.source ?? null,
          state: query.state ?? null,
          interest: query.interest ?? null,
          createdFrom: query.createdFrom ? new Date(query.createdFrom) : null,
          createdTo: query.createdTo ? new Date(query.createdTo) : null,
          search: query.q ? parseSearchTerm(query.q) : null,
          sort,
          after: query.cursor ? decodeCursor(query.cursor, sort) : null,
          limit: query.limit ?? 25,
        },
        actor,
        requestId,
      }),
    );
    return {
      items: page.items.map(LeadResponse.from),
      nextCursor: page.lastKey ? encodeCursor(sort, page.lastKey) : null,
    };
  }

  @Get(':leadId')
  @RequirePermission('leads:read')
  @ApiOperation({
    operationId: 'getLead',
    summary: 'One lead with its submissions, contact attempts, notes and history',
    description: 'Recorded in the access log. The ETag header carries the version.',
  })
  @ApiOkResponse({
    type: LeadDetailResponse,
    headers: { ETag: { description: 'The version, for If-Match.', schema: { type: 'string' } } },
  })
  @ApiErrorResponses(400, 404)
  async get(
    @Param('leadId', leadId) id: string,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string | null,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeadDetailResponse> {
    const detail = await this.queries.execute(new GetLeadQuery({ leadId: id, actor, requestId }));
    setLeadEtag(res, detail.lead.version);
    return LeadDetailResponse.fromDetail(detail);
  }

  @Post(':leadId/transitions')
  @HttpCode(200)
  @RequirePermission('leads:write')
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    operationId: 'transitionLead',
    summary: 'Move the lead through the pipeline',
  })
  @ApiResponse({ status: 200, type: LeadResponse })
  @ApiErrorResponses(
    400,
    404,
    {
      status: 409,
      description:
        '`LEAD.INVALID_TRANSITION`: the message and fields name the allowed next states.',
    },
    412,
  )
  async transition(
    @Param('leadId', leadId) id: string,
    @Body() body: TransitionRequest,
    @WriteRequest() write: LeadWriteRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeadResponse> {
    const written = await this.commands.execute(
      new TransitionLeadCommand({
        leadId: id,
        to: body.to,
        reason: body.reason ?? null,
        ...write,
      }),
    );
    return this.respond(written, write.context.actor, res);
  }

  @Post(':leadId/contact-attempts')
  @RequirePermission('leads:write')
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    operationId: 'recordContactAttempt',
    summary: 'Record a call, text or email to the person',
    description:
      "Moves new → attempting_contact, or → contacted when reached; stamps firstContactAttemptAt and firstReachedAt once each. Checked against the consent ledger and the clinic's contact rules; the attempt keeps a receipt of what it relied on (consent record, wording version, the person's local time and zone). Outside 8:00–21:00 the person's time a call or text is refused or recorded with a warning (`warnings`), per `/v1/settings/contact-rules`.",
  })
  @ApiResponse({ status: 201, type: ContactAttemptRecordedResponse })
  @ApiErrorResponses(
    400,
    404,
    {
      status: 409,
      description:
        "`LEAD.CLOSED`, `LEAD.NO_CONTACT_CHANNEL`; `CONTACT.CONSENT_WITHDRAWN` (the person withdrew consent to be contacted: every channel), `CONTACT.SMS_CONSENT_REQUIRED` or `CONTACT.SMS_CONSENT_WITHDRAWN` (a text without current consent to texts), `CONTACT.QUIET_HOURS` (outside 8:00–21:00 the person's time, when the clinic refuses). Nothing is recorded.",
    },
    412,
  )
  async contactAttempt(
    @Param('leadId', leadId) id: string,
    @Body() body: ContactAttemptRequest,
    @WriteRequest() write: LeadWriteRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ContactAttemptRecordedResponse> {
    const written = await this.commands.execute(
      new RecordContactAttemptCommand({
        leadId: id,
        channel: body.channel,
        outcome: body.outcome,
        note: body.note || null,
        callbackAt: body.callbackAt ? new Date(body.callbackAt) : null,
        ...write,
      }),
    );
    return {
      attempt: ContactAttemptResponse.from(await this.presenter.presentAttempt(written.result)),
      warnings: ContactWarningResponse.of(written.result.receipt),
      lead: await this.respond(written, write.context.actor, res),
    };
  }

  @Put(':leadId/owner')
  @RequirePermission('leads:write')
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    operationId: 'assignLeadOwner',
    summary: 'Assign or reassign the lead by hand',
  })
  @ApiResponse({ status: 200, type: LeadResponse })
  @ApiErrorResponses(400, 404, 412)
  async assign(
    @Param('leadId', leadId) id: string,
    @Body() body: AssignOwnerRequest,
    @WriteRequest() write: LeadWriteRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeadResponse> {
    const written = await this.commands.execute(
      new AssignOwnerCommand({
        leadId: id,
        staffId: body.staffId,
        ...write,
      }),
    );
    return this.respond(written, write.context.actor, res);
  }

  @Put(':leadId/priority')
  @RequirePermission('leads:write')
  @ApiHeader(IF_MATCH)
  @ApiOperation({
    operationId: 'changeLeadPriority',
    summary: 'Change the priority, and set or clear the crisis flag',
  })
  @ApiResponse({ status: 200, type: LeadResponse })
  @ApiErrorResponses(400, 404, 412)
  async priority(
    @Param('leadId', leadId) id: string,
    @Body() body: ChangePriorityRequest,
    @WriteRequest() write: LeadWriteRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeadResponse> {
    const written = await this.commands.execute(
      new ChangePriorityCommand({
        leadId: id,
        priority: body.priority,
        crisisFlag: body.crisisFlag ?? null,
        ...write,
      }),
    );
    return this.respond(written, write.context.actor, res);
  }

  @Post(':leadId/contacts-to-confirm/:contactId/:decision')
  @HttpCode(200)
  @RequirePermission('leads:write')
  @ApiHeader(IF_MATCH)
  @ApiParam({ name: 'decision', enum: CONTACT_DECISIONS })
  @ApiOperation({
    operationId: 'decideLeadContact',
    summary: 'Confirm or dismiss a contact detail a later request brought',
    description:
      "`confirm`: the email or phone becomes the lead's, replacing the one on that channel (a new version; history says `[personal]`, never the value). `dismiss`: the lead keeps its own; history records the channel. Find the waiting ones in the lead detail's `contactsToConfirm`.",
  })
  @ApiResponse({ status: 200, type: LeadResponse })
  @ApiErrorResponses(
    400,
    { status: 404, description: '`LEAD.NOT_FOUND`, or `LEAD.CONTACT_TO_CONFIRM_NOT_FOUND`.' },
    412,
  )
  async decideContact(
    @Param('leadId', leadId) id: string,
    @Param('contactId', uuidParam('contactId')) contact: string,
    @Param('decision', oneOfParam('decision', CONTACT_DECISIONS)) decision: ContactDecision,
    @WriteRequest() write: LeadWriteRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LeadResponse> {
    const written = await this.commands.execute(
      new DecideContactCommand({
        leadId: id,
        contactId: contact,
        decision,
        ...write,
      }),
    );
    return this.respond(written, write.context.actor, res);
  }

  @Post(':leadId/notes')
  @RequirePermission('leads:write')
  @ApiOperation({
    operationId: 'addLeadNote',
    summary: 'Add a note (personal data: never in events or logs)',
  })
  @ApiResponse({ status: 201, type: NoteResponse })
  @ApiErrorResponses(400, 404)
  async addNote(
    @Param('leadId', leadId) id: string,
    @Body() body: AddNoteRequest,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string | null,
  ): Promise<NoteResponse> {
    const note = await this.commands.execute(
      new AddNoteCommand({ leadId: id, body: body.body, context: { actor, requestId } }),
    );
    return NoteResponse.from(await this.presenter.presentNote(note));
  }

  @Get(':leadId/notes')
  @RequirePermission('notes:read')
  @ApiOperation({
    operationId: 'listLeadNotes',
    summary: "The lead's notes, oldest first (recorded in the access log)",
  })
  @ApiOkResponse({ type: NoteListResponse })
  @ApiErrorResponses(400, 404)
  async notes(
    @Param('leadId', leadId) id: string,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string | null,
  ): Promise<NoteListResponse> {
    const notes = await this.queries.execute(new ListNotesQuery({ leadId: id, actor, requestId }));
    return { items: notes.map(NoteResponse.from) };
  }

  private async respond(
    written: WriteResult<unknown>,
    actor: Actor,
    res: Response,
  ): Promise<LeadResponse> {
    setLeadEtag(res, written.lead.version);
    return LeadResponse.from(await this.presenter.present(written.lead, actor));
  }
}
