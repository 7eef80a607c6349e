import { act, render, screen } from '@testing-library/react';
import { createElement, Fragment, Profiler } from 'react';
import { useClock } from './clock';

// Without JSX: the console's specs compile as plain TypeScript.
function Seconds() {
  return createElement(
    'span',
    { 'data-testid': 's' },
    useClock((now) => Math.floor(now.getTime() / 1000)),
  );
}

function Minutes() {
  return createElement(
    'span',
    { 'data-testid': 'm' },
    useClock((now) => Math.floor(now.getTime() / 60_000)),
  );
}

describe('useClock', () => {
  const start = Date.parse('2026-12-01T16:30:00.000Z');
  beforeEach(() => jest.useFakeTimers({ now: start }));
  afterEach(() => jest.useRealTimers());
  const tick = (seconds: number) => {
    for (let i = 0; i < seconds; i++) act(() => jest.advanceTimersByTime(1000));
  };

  it('re-renders a cell only when what it shows changes', () => {
    const commits = { s: 0, m: 0 };
    const count = (id: string) => commits[id as keyof typeof commits]++;
    render(
      createElement(
        Fragment,
        null,
        createElement(Profiler, { id: 's', onRender: count }, createElement(Seconds)),
        createElement(Profiler, { id: 'm', onRender: count }, createElement(Minutes)),
      ),
    );
    expect(screen.getByTestId('s').textContent).toBe(String(start / 1000));
    tick(3);
    expect(screen.getByTestId('s').textContent).toBe(String(start / 1000 + 3));
    expect(commits).toEqual({ s: 4, m: 1 });
    tick(57);
    expect(screen.getByTestId('m').textContent).toBe(String(start / 60_000 + 1));
    expect(commits).toEqual({ s: 61, m: 2 });
  });

  it('stops ticking when nothing shows the time', () => {
    const { unmount } = render(createElement(Seconds));
    expect(jest.getTimerCount()).toBe(1);
    unmount();
    expect(jest.getTimerCount()).toBe(0);
  });
});
