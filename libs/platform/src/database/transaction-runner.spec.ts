import { DataSource } from 'typeorm';
import { TransactionRunner } from './transaction-runner';

/** A DataSource whose transactions fail with the given codes, then succeed. */
function dataSourceFailing(codes: string[]) {
  let calls = 0;
  const manager = { marker: 'tx' };
  const dataSource = {
    manager: { marker: 'pool' },
    transaction: async (work: (m: unknown) => Promise<unknown>) => {
      calls += 1;
      const code = codes.shift();
      if (code) throw Object.assign(new Error(code), { code });
      return work(manager);
    },
  };
  return { dataSource: dataSource as unknown as DataSource, calls: () => calls };
}

describe('TransactionRunner', () => {
  it('gives the work its transaction through manager(), the pool outside it', async () => {
    const { dataSource } = dataSourceFailing([]);
    const tx = new TransactionRunner(dataSource);
    expect(tx.manager()).toEqual({ marker: 'pool' });
    expect(() => tx.requireTransaction()).toThrow(/inside TransactionRunner.run/);
    await tx.run(async () => {
      expect(tx.manager()).toEqual({ marker: 'tx' });
      expect(tx.requireTransaction()).toEqual({ marker: 'tx' });
    });
  });

  it('runs nested work in the outer transaction', async () => {
    const fake = dataSourceFailing([]);
    const tx = new TransactionRunner(fake.dataSource);
    await tx.run(() => tx.run(async () => 'inner'));
    expect(fake.calls()).toBe(1);
  });

  it('runs the work again after a deadlock or serialization failure, three times at most', async () => {
    const retried = dataSourceFailing(['40P01', '40001']);
    await expect(new TransactionRunner(retried.dataSource).run(async () => 'done')).resolves.toBe(
      'done',
    );
    expect(retried.calls()).toBe(3);

    const exhausted = dataSourceFailing(['40P01', '40P01', '40P01', '40P01']);
    await expect(
      new TransactionRunner(exhausted.dataSource).run(async () => 'done'),
    ).rejects.toThrow('40P01');
    expect(exhausted.calls()).toBe(3);
  });

  it('does not retry other errors', async () => {
    const failing = dataSourceFailing(['23505']);
    await expect(new TransactionRunner(failing.dataSource).run(async () => 'done')).rejects.toThrow(
      '23505',
    );
    expect(failing.calls()).toBe(1);
  });

  it('begins a transaction of its own beside the current one, and ends it once', async () => {
    const calls: string[] = [];
    const side = { marker: 'side' };
    const runner = {
      manager: side,
      isReleased: false,
      connect: async () => calls.push('connect'),
      startTransaction: async () => calls.push('begin'),
      query: async (text: string) => calls.push(text),
      commitTransaction: async () => calls.push('commit'),
      rollbackTransaction: async () => calls.push('rollback'),
      release: async () => {
        calls.push('release');
        runner.isReleased = true;
      },
    };
    const { dataSource } = dataSourceFailing([]);
    Object.assign(dataSource, { createQueryRunner: () => runner });
    const tx = new TransactionRunner(dataSource);
    await tx.run(async () => {
      const apart = await tx.begin({ lockTimeoutMs: 2000, asyncCommit: true });
      await apart.run(async () => expect(tx.requireTransaction()).toBe(side));
      expect(tx.requireTransaction()).toEqual({ marker: 'tx' });
      await apart.commit();
      await apart.rollback();
    });
    expect(calls).toEqual([
      'connect',
      'begin',
      'SET LOCAL lock_timeout = 2000',
      'SET LOCAL synchronous_commit = off',
      'commit',
      'release',
    ]);
  });
});
