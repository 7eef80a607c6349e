import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DEFAULT_SUBMISSION_LIMITS, FormRepository } from '@intake/intake';
import { ApiModule } from '../apps/api/src/api.module';
import { loadApiConfig } from '../apps/api/src/api.config';
import { DEMO_FORM_KEY } from '../apps/api/src/demo/demo.page';

/** Creates or refreshes the demo form that /demo posts to (`npm run seed:demo`). */
async function main(): Promise<void> {
  const config = loadApiConfig();
  const app = await NestFactory.createApplicationContext(ApiModule.forRoot(config), {
    logger: ['error'],
  });
  try {
    const port = config.http.PORT;
    await app.get(FormRepository).save({
      key: DEMO_FORM_KEY,
      name: 'Free consultation (demo)',
      allowedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
      thankYouUrl: '/demo/thanks',
      honeypotField: 'website',
      fieldAliases: { fname: 'firstName', lname: 'lastName', tel: 'phone', email_address: 'email' },
      requiredFields: [],
      minFillSeconds: 3,
      limits: DEFAULT_SUBMISSION_LIMITS,
      requireStartToken: false,
      captcha: null,
    });
    console.log(`demo form "${DEMO_FORM_KEY}" ready`);
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(`seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
