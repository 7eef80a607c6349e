import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { FormNotFoundError, IssueStartTokenQuery } from '@intake/intake';
import { IdGenerator, Public } from '@intake/platform';
import { DEMO_FORM_KEY, demoFormPage, demoThanksPage } from './demo.page';

const HTML_PAGE = {
  description: 'HTML page',
  content: { 'text/html': { schema: { type: 'string' } } },
};

/** An example consultation form, so a person can try Intake in a browser. */
@ApiTags('demo')
@Public()
@Controller('demo')
export class DemoController {
  constructor(
    private readonly queries: QueryBus,
    private readonly ids: IdGenerator,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    operationId: 'demoForm',
    summary: 'Example consultation form (HTML) posting to the `consultation` form',
  })
  @ApiOkResponse(HTML_PAGE)
  async form(): Promise<string> {
    return demoFormPage(await this.startToken(), this.ids.next());
  }

  /** None before `npm run seed:demo` has made the form: the page still shows, the post 404s. */
  private async startToken(): Promise<string | null> {
    try {
      const issued = await this.queries.execute(
        new IssueStartTokenQuery({ formKey: DEMO_FORM_KEY, origin: null }),
      );
      return issued.startToken;
    } catch (error) {
      if (error instanceof FormNotFoundError) return null;
      throw error;
    }
  }

  @Get('thanks')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({ operationId: 'demoThanks', summary: 'Demo thank-you page' })
  @ApiOkResponse(HTML_PAGE)
  thanks(): string {
    return demoThanksPage();
  }
}
