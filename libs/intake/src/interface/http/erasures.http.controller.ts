import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuditContext, CurrentAuditContext, RequirePermission } from '@intake/access';
import { EraseLeadsCommand, LeadInvalidError } from '@intake/leads';
import { ApiErrorResponses, JsonBodyInterceptor, uuidParam } from '@intake/platform';
import { normalizeEmail, normalizePhone } from '../../domain/normalization';
import { ContactErasureRequest, ErasureResponse, LeadErasureRequest } from './erasures.dto';

const ERASE_DESCRIPTION =
  "De-identifies for good: names, email, phone, free text, notes, contact-attempt notes, raw submissions and history's personal values go; status, times, interest, state, source, owner and counts stay for reporting. An open lead is closed as `lost` first. One `lead.erased` event per lead (webhook subscribers must delete their copies). Admins only; recorded in the admin audit.";

/**
 * Erasure lives beside intake because a person is found as intake finds them: by the normalized
 * email or phone of a submission. The work itself is the leads context's (EraseLeadsCommand).
 */
@ApiTags('privacy')
@ApiErrorResponses(400, 401, 403)
@UseInterceptors(JsonBodyInterceptor)
@Controller('v1')
export class ErasuresHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('leads/:leadId/erasure')
  @RequirePermission('leads:erase')
  @ApiOperation({
    operationId: 'eraseLead',
    summary: 'Erase one lead',
    description: `${ERASE_DESCRIPTION} Idempotent: erasing an erased lead answers the erasure that erased it and changes nothing.`,
  })
  @ApiResponse({ status: 201, type: ErasureResponse })
  @ApiErrorResponses(404)
  async eraseLead(
    @Param('leadId', uuidParam('leadId')) leadId: string,
    @Body() body: LeadErasureRequest,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<ErasureResponse> {
    const erasure = await this.commands.execute(
      new EraseLeadsCommand({
        target: { leadId },
        reason: body.reason,
        doNotContact: body.doNotContact ?? false,
        context,
      }),
    );
    return ErasureResponse.from(erasure);
  }

  @Post('erasures')
  @RequirePermission('leads:erase')
  @ApiOperation({
    operationId: 'eraseByContact',
    summary: 'Erase every lead of one person, found by email and/or phone',
    description: `${ERASE_DESCRIPTION} Matches as duplicate matching does (normalized email or phone, any status). No match still records the erasure (leadIds empty), and the do-not-contact suppression when asked.`,
  })
  @ApiResponse({ status: 201, type: ErasureResponse })
  async eraseByContact(
    @Body() body: ContactErasureRequest,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<ErasureResponse> {
    const email = body.email ? normalizeEmail(body.email) : null;
    const phone = body.phone ? normalizePhone(body.phone) : null;
    const problems = [
      ...(body.email && !email ? [{ field: 'email', message: 'is not an email address' }] : []),
      ...(body.phone && !phone ? [{ field: 'phone', message: 'is not a phone number' }] : []),
      ...(!body.email && !body.phone
        ? [{ field: 'email', message: 'email or phone is required' }]
        : []),
    ];
    if (problems.length > 0) throw new LeadInvalidError(problems);
    const erasure = await this.commands.execute(
      new EraseLeadsCommand({
        target: { contact: { email, phone } },
        reason: body.reason,
        doNotContact: body.doNotContact ?? false,
        context,
      }),
    );
    return ErasureResponse.from(erasure);
  }
}
