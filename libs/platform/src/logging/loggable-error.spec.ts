import { QueryFailedError } from 'typeorm';
import { loggableError } from './loggable-error';

describe('loggableError', () => {
  it('keeps only codes and the parameterized SQL of a database error', () => {
    const driverError = Object.assign(
      new Error('invalid input syntax for type uuid: "ann@example.com"'),
      {
        code: '22P02',
        severity: 'ERROR',
        detail: 'Token "Ann" is invalid.',
        where: 'JSON data, line 1: {"email":"ann@example.com"',
      },
    );
    const error = new QueryFailedError(
      'INSERT INTO leads VALUES ($1)',
      ['ann@example.com'],
      driverError,
    );
    const logged = JSON.stringify(loggableError(error));
    expect(logged).toContain('22P02');
    expect(logged).toContain('INSERT INTO leads VALUES ($1)');
    expect(logged).not.toMatch(/ann|Token/i);
    expect(JSON.stringify(loggableError(driverError))).not.toMatch(/ann|Token/i);
  });

  it('keeps message and stack of other errors', () => {
    const logged = loggableError(new TypeError('boom'));
    expect(logged).toMatchObject({ type: 'TypeError', message: 'boom' });
    expect(logged.stack).toContain('boom');
  });
});
