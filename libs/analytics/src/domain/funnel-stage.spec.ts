import { FUNNEL_STAGES, stageRankOf } from './funnel-stage';

describe('stageRankOf', () => {
  it('maps the main path to the furthest stage each status proves', () => {
    expect(stageRankOf('new')).toBe(0);
    expect(stageRankOf('attempting_contact')).toBe(0);
    expect(stageRankOf('contacted')).toBe(1);
    expect(stageRankOf('consult_scheduled')).toBe(2);
    expect(stageRankOf('consult_completed')).toBe(2);
    expect(stageRankOf('converted')).toBe(3);
  });

  it('gives exits and unknown statuses no stage beyond submitted', () => {
    for (const status of ['disqualified', 'unresponsive', 'lost', 'some_future_status', '']) {
      expect(stageRankOf(status)).toBe(0);
    }
  });

  it('ranks are the stage positions', () => {
    expect(FUNNEL_STAGES[stageRankOf('converted')]).toBe('converted');
    expect(FUNNEL_STAGES[stageRankOf('consult_completed')]).toBe('consultScheduled');
    expect(FUNNEL_STAGES[stageRankOf('contacted')]).toBe('contacted');
  });
});
