// The TypeORM CLI loads the migrations, which may import a context's index (@intake/…).
import 'tsconfig-paths/register';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/load-config';
import { DatabaseConfig } from '../config/common.config';
import { dataSourceOptions } from './data-source-options';

/** Standalone DataSource for the TypeORM CLI (`npm run migration:generate`). */
export default new DataSource(dataSourceOptions(loadConfig(DatabaseConfig), 'intake-cli'));
