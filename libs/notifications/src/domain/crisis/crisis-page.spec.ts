import { acknowledge, escalate, openPage, secondsSinceSubmission } from './crisis-page';

const A = 'aaaaaaaa-0000-4000-8000-00000000000a';
const B = 'aaaaaaaa-0000-4000-8000-00000000000b';
const T0 = new Date('2026-12-05T03:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

function page(order: string[]) {
  return openPage({
    id: 'p',
    leadId: 'l',
    order,
    submittedAt: new Date(T0.getTime() - 2_000),
    now: T0,
    ackTimeoutMinutes: 5,
  });
}

describe('crisis page', () => {
  it('pages the first of the order, then each next one per timeout, round the list again', () => {
    const first = page([A, B]);
    expect(first).toMatchObject({ step: 0, pagedStaffId: A, escalateAt: minutes(5) });
    expect(escalate(first, minutes(4), 5)).toBeNull();
    const second = escalate(first, minutes(5), 5)!;
    expect(second).toMatchObject({ step: 1, pagedStaffId: B, escalateAt: minutes(10) });
    expect(escalate(second, minutes(10), 5)).toMatchObject({ step: 2, pagedStaffId: A });
  });

  it('pages the admins (no person) when the order is empty', () => {
    expect(page([]).pagedStaffId).toBeNull();
    expect(escalate(page([]), minutes(5), 5)!.pagedStaffId).toBeNull();
  });

  it('stops at the first acknowledgement, which stands', () => {
    const acked = acknowledge(page([A, B]), B, minutes(3))!;
    expect(acked).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: B,
      acknowledgedAt: minutes(3),
    });
    expect(acknowledge(acked, A, minutes(4))).toBeNull();
    expect(escalate(acked, minutes(60), 5)).toBeNull();
    expect(secondsSinceSubmission(acked, acked.acknowledgedAt!)).toBe(182);
  });
});
