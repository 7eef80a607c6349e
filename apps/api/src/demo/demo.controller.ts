import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock, IdGenerator, Public } from '@intake/platform';
import { demoFormPage, demoThanksPage } from './demo.page';

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
    private readonly clock: Clock,
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
  form(): string {
    return demoFormPage(this.clock.now(), this.ids.next());
  }

  @Get('thanks')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({ operationId: 'demoThanks', summary: 'Demo thank-you page' })
  @ApiOkResponse(HTML_PAGE)
  thanks(): string {
    return demoThanksPage();
  }
}
