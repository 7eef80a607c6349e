import { Body, Controller, Get, Param, Put, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditContext, CurrentAuditContext, RequirePermission } from '@intake/access';
import { ApiErrorResponses, JsonBodyInterceptor } from '@intake/platform';
import { ListFormsQuery } from '../../application/list-forms/list-forms.query';
import { SaveFormCommand } from '../../application/save-form/save-form.command';
import { FormListResponse, FormResponse, SaveFormRequest } from './forms-admin.dto';
import { DEFAULT_SUBMISSION_LIMITS } from '../../domain/form';

/** Admins configure the website forms the public endpoint accepts. */
@ApiTags('forms')
@ApiErrorResponses(401, 403)
@UseInterceptors(JsonBodyInterceptor)
@Controller('v1/forms')
export class FormsAdminHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermission('forms:manage')
  @ApiOperation({ operationId: 'listForms', summary: 'Every form' })
  @ApiOkResponse({ type: FormListResponse })
  async list(): Promise<FormListResponse> {
    const forms = await this.queries.execute(new ListFormsQuery({ key: null }));
    return { items: forms.map(FormResponse.from) };
  }

  @Get(':formKey')
  @RequirePermission('forms:manage')
  @ApiOperation({ operationId: 'getForm', summary: "One form's settings" })
  @ApiOkResponse({ type: FormResponse })
  @ApiErrorResponses(404)
  async get(@Param('formKey') key: string): Promise<FormResponse> {
    const [form] = await this.queries.execute(new ListFormsQuery({ key }));
    return FormResponse.from(form!);
  }

  @Put(':formKey')
  @RequirePermission('forms:manage')
  @ApiOperation({
    operationId: 'saveForm',
    summary: 'Create a form, or replace its settings',
    description: 'Takes effect for the next submission. 201 when created, 200 when replaced.',
  })
  @ApiResponse({ status: 200, type: FormResponse })
  @ApiResponse({ status: 201, type: FormResponse })
  @ApiErrorResponses(400)
  async save(
    @Param('formKey') key: string,
    @Body() body: SaveFormRequest,
    @Res({ passthrough: true }) res: Response,
    @CurrentAuditContext() context: AuditContext,
  ): Promise<FormResponse> {
    const saved = await this.commands.execute(
      new SaveFormCommand({
        settings: {
          key,
          ...body,
          limits: body.limits ?? DEFAULT_SUBMISSION_LIMITS,
          requireStartToken: body.requireStartToken ?? false,
          captcha: body.captcha ? { ...body.captcha, secret: body.captcha.secret ?? null } : null,
        },
        context,
      }),
    );
    res.status(saved.created ? 201 : 200);
    return FormResponse.from(saved);
  }
}
