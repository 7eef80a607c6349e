export * from './config';
export * from './database';
export * from './errors/error-body';
export * from './errors/http-exception.filter';
export * from './logging/logging.module';
export * from './time/clock';
export * from './ids/id-generator';
export * from './platform.module';
