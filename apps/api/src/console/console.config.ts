import { IsString, MinLength } from 'class-validator';

export class ConsoleConfig {
  /**
   * The built console (`npm run build` writes it to dist/console); relative paths are taken
   * from the working directory, as `npm run local` and the image start the api from the root.
   */
  @IsString()
  @MinLength(1)
  CONSOLE_DIR = 'dist/console';
}
