// Loaded into every console page of `npm run bench:console` (Playwright's addInitScript), before
// the app's own scripts. It only watches and writes down times, in milliseconds since the
// document's navigation started (performance.now()): when the first rows are painted, and how
// long a keystroke takes to be answered on screen. Plain JavaScript: it runs in the browser.
(() => {
  const now = () => performance.now();
  // A task queued from an animation frame's callback runs once that frame's style, layout and
  // paint are done: the time it runs is when the frame went to the compositor.
  const afterPaint = (done) => requestAnimationFrame(() => setTimeout(() => done(now()), 0));
  const ROW = '[data-testid="queue-row"], [data-testid="lead-row"]';

  const marks = {};
  const keys = [];
  let armed = null;
  // Tasks of 50 ms or more on the main thread (the Long Tasks API): how busy an open page is.
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });

  const shown = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  // A row counts once its link shows a name (until 5b836ac a queue row said "Loading…" first).
  const named = (row) => {
    const link = row.querySelector('a');
    return !!link && link.textContent.trim() !== '' && link.textContent !== 'Loading…';
  };
  const mark = (name) => {
    if (name in marks) return;
    marks[name] = null;
    afterPaint((t) => {
      marks[name] = t;
      marks[`${name}Api`] = apiCalls();
    });
  };
  // What the page had asked the server for by then: path, start, end, bytes on the wire.
  const apiCalls = () =>
    performance
      .getEntriesByType('resource')
      .map((e) => ({
        path: new URL(e.name).pathname,
        start: Math.round(e.startTime),
        end: Math.round(e.responseEnd),
        bytes: e.encodedBodySize,
      }))
      .filter((e) => /^\/(v1|auth|console\/assets)\//.test(e.path));

  // First render: every frame looks for the first row until the page's rows are there.
  const watch = () => {
    const queueRow = document.querySelector('[data-testid="queue-row"]');
    if (queueRow && shown(queueRow)) {
      mark('queueRows');
      if (named(queueRow)) mark('queueNamed');
    }
    const leadRow = document.querySelector('[data-testid="lead-row"]');
    if (leadRow && shown(leadRow)) mark('leadRows');
    if (!('queueNamed' in marks) && !('leadRows' in marks) && now() < 60_000) {
      requestAnimationFrame(watch);
    }
  };
  requestAnimationFrame(watch);

  // Keystrokes: the bench arms one kind of answer, presses a key, and waits for the entry.
  // `down` is the keydown's own timestamp (when the browser received the key), `handled` when
  // the page's first listener ran, `answered` when the focus moved to a row ("move") or the
  // field's value changed ("type"), `painted` when the frame showing it was painted.
  const answer = (kind, detail) => {
    const k = armed;
    if (!k || k.kind !== kind || k.down === undefined || k.answered !== undefined) return;
    k.answered = now();
    Object.assign(k, detail);
    afterPaint((t) => {
      k.painted = t;
      keys.push(k);
      armed = null;
    });
  };
  window.addEventListener(
    'keydown',
    (e) => {
      if (armed && armed.down === undefined) {
        armed.down = e.timeStamp;
        armed.handled = now();
        armed.key = e.key;
      }
    },
    true,
  );
  document.addEventListener(
    'focusin',
    (e) => {
      const row = e.target instanceof Element ? e.target.closest(ROW) : null;
      answer('move', { row: row ? [...document.querySelectorAll(ROW)].indexOf(row) : -1 });
    },
    true,
  );
  document.addEventListener(
    'input',
    (e) =>
      answer('type', { length: e.target instanceof HTMLInputElement ? e.target.value.length : -1 }),
    true,
  );

  /** Resolves with the wall clock (Date.now()) once a queue row naming `name` is painted. */
  const rowNamed = (name) =>
    new Promise((resolve) => {
      const look = () => {
        const row = [...document.querySelectorAll('[data-testid="queue-row"]')].find(
          (r) => shown(r) && r.textContent.includes(name),
        );
        if (row) setTimeout(() => resolve(Date.now()), 0);
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });

  /** Resolves once `test()` is true, looked at every 10 ms. */
  const when = (test) =>
    new Promise((resolve) => {
      const look = () => (test() ? resolve(true) : setTimeout(look, 10));
      look();
    });

  /** Milliseconds of long tasks per second over the next `ms`, and how many there were. */
  const busy = (ms) => {
    const from = now();
    return new Promise((resolve) =>
      setTimeout(() => {
        const tasks = longTasks.filter((t) => t.start >= from);
        const total = tasks.reduce((sum, t) => sum + t.ms, 0);
        resolve({ perSecond: (total * 1000) / (now() - from), count: tasks.length });
      }, ms),
    );
  };

  window.__bench = {
    marks,
    keys,
    busy,
    arm: (kind) => {
      armed = { kind };
    },
    rowNamed,
    /** The mark, once it is painted. */
    mark: (name) => when(() => typeof marks[name] === 'number').then(() => marks[name]),
    /** The n-th keystroke's entry, once it is painted. */
    key: (n) => when(() => keys.length >= n).then(() => keys[n - 1]),
  };
})();
