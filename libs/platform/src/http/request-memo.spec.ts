import { forgetInRequest, memoInRequest, requestMemo } from './request-memo';

/** Runs `work` inside one request's scope, as the middleware does for a real request. */
function inRequest<T>(work: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    requestMemo()({} as never, {} as never, () => {
      work().then(resolve, reject);
    });
  });
}

describe('memoInRequest', () => {
  it('loads once per request, also across awaits, and again in the next request', async () => {
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    const first = await inRequest(async () => {
      const a = await memoInRequest('form:x', load);
      await new Promise((resolve) => setImmediate(resolve));
      const b = await memoInRequest('form:x', load);
      return [a, b];
    });
    expect(first).toEqual([1, 1]);
    expect(await inRequest(() => memoInRequest('form:x', load))).toBe(2);
  });

  it('keeps keys apart, and forgets a key the request changed', async () => {
    let loads = 0;
    const load = () => ++loads;
    const seen = await inRequest(async () => {
      const a = memoInRequest('form:a', load);
      const b = memoInRequest('form:b', load);
      forgetInRequest('form:a');
      return [a, b, memoInRequest('form:a', load), memoInRequest('form:b', load)];
    });
    expect(seen).toEqual([1, 2, 3, 2]);
  });

  it('loads every time outside a request', () => {
    let loads = 0;
    memoInRequest('form:x', () => ++loads);
    expect(memoInRequest('form:x', () => ++loads)).toBe(2);
  });
});
