import { Controller, Get } from '@nestjs/common';
import document from '../../../docs/openapi.json';

/** Serves the hand-written contract in docs/openapi.json; a suite checks it against the routes. */
@Controller('openapi.json')
export class OpenApiController {
  @Get()
  get(): object {
    return document;
  }
}
