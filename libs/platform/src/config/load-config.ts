import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** Raised when an environment variable is missing or malformed; the message names each one. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

/**
 * A config class whose rules span several variables (a client key needs its certificate) states
 * them in `crossChecks()`: one message per problem, naming the variables and never their values.
 * `loadConfig` calls it once every variable is valid on its own.
 */
export interface CrossChecked {
  crossChecks(): string[];
}

function isCrossChecked(config: object): config is CrossChecked {
  return typeof (config as Partial<CrossChecked>).crossChecks === 'function';
}

/**
 * Builds a config class from environment variables and validates it. Property names are the
 * variable names, so every error message names the variable to fix.
 */
export function loadConfig<T extends object>(cls: new () => T, env: Env = process.env): T {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const config = plainToInstance(cls, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigError(errors.flatMap(describe));
  const problems = isCrossChecked(config) ? config.crossChecks() : [];
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function describe(error: ValidationError): string[] {
  const constraints = Object.values(error.constraints ?? {});
  const value = error.value === undefined ? 'is missing' : 'is invalid';
  return constraints.length > 0 ? [`${error.property} ${value}: ${constraints.join('; ')}`] : [];
}

/** Loads every part of an app's configuration, reporting all problems at once. */
export function loadConfigParts<T extends Record<string, new () => object>>(
  parts: T,
  env: Env = process.env,
): { [K in keyof T]: InstanceType<T[K]> } {
  const problems: string[] = [];
  const result: Record<string, object> = {};
  for (const [name, cls] of Object.entries(parts)) {
    try {
      result[name] = loadConfig(cls, env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return result as { [K in keyof T]: InstanceType<T[K]> };
}
