import { Controller, Get, Header } from '@nestjs/common';
import { Clock, IdGenerator } from '@intake/platform';
import { demoFormPage, demoThanksPage } from './demo.page';

/** An example consultation form, so a person can try Intake in a browser. */
@Controller('demo')
export class DemoController {
  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  form(): string {
    return demoFormPage(this.clock.now(), this.ids.next());
  }

  @Get('thanks')
  @Header('Content-Type', 'text/html; charset=utf-8')
  thanks(): string {
    return demoThanksPage();
  }
}
