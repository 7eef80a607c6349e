// bench/reference/load.mjs's submissions at a set pace: one request every 1/RATE s, whatever the
// answers take (an open loop, as people arrive; autocannon's overallRate releases its
// connections' requests together, a burst a tick, which measures the burst). Its p50 and p99 are
// the latency at that load, not at saturation. Prints load.mjs's JSON line plus the rate.
// Usage: node paced-load.mjs URL seconds rate
import { Agent, request } from 'node:http';

const [url, secs, rate] = process.argv.slice(2);
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const base = Math.floor(Math.random() * 7000000);
const latencies = [];
let ok = 0;
let non2xx = 0;
let errors = 0;

function post(i) {
  const body = JSON.stringify({
    firstName: 'Load',
    lastName: `P${i}`,
    email: `paced.${process.pid}.${i}@example.org`,
    phone: `+1415${2000000 + ((base + i) % 7000000)}`,
    state: 'CA',
    interest: 'depression',
    message: 'I would like to learn about treatment options',
    contactConsent: true,
    utm_source: 'google',
    formStartedAt: new Date(Date.now() - 60000).toISOString(),
  });
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - started);
          if (res.statusCode >= 200 && res.statusCode < 300) ok += 1;
          else non2xx += 1;
          resolve();
        });
      },
    );
    req.on('error', () => {
      errors += 1;
      resolve();
    });
    req.end(body);
  });
}

const total = Math.round(Number(secs) * Number(rate));
const start = performance.now();
const inFlight = [];
for (let i = 0; i < total; i += 1) {
  const due = start + (i * 1000) / Number(rate);
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  inFlight.push(post(i));
}
await Promise.all(inFlight);
agent.destroy();
latencies.sort((a, b) => a - b);
const pct = (p) =>
  Math.round(
    latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? 0,
  );
console.log(
  JSON.stringify({
    url,
    seconds: Number(secs),
    rate: Number(rate),
    rps_2xx: +(ok / Number(secs)).toFixed(1),
    non2xx,
    errors,
    p50_ms: pct(50),
    p99_ms: pct(99),
  }),
);
