import { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';

/** One server-sent event as a browser's EventSource would see it. */
export interface ServerSentEvent {
  event: string;
  data: string;
  id: string | null;
  retry: number | null;
}

/**
 * A test client for a `text/event-stream` response: Node's fetch with a streaming body reader,
 * parsing events as the HTML standard's EventSource does. It keeps every byte received, so a test
 * can also look at the raw text.
 */
export class EventStreamClient {
  readonly events: ServerSentEvent[] = [];
  comments: string[] = [];
  raw = '';
  ended = false;
  private buffer = '';
  private taken = new Set<number>();
  private waiters = new Set<() => void>();

  private constructor(
    readonly status: number,
    readonly headers: Headers,
    private readonly body: ReadableStream<Uint8Array> | null,
    private readonly abort: AbortController,
  ) {}

  static async open(
    app: INestApplication,
    auth: string | null,
    path = '/v1/me/queue/stream',
  ): Promise<EventStreamClient> {
    const { port } = app.getHttpServer().address() as AddressInfo;
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: { Accept: 'text/event-stream', ...(auth ? { Authorization: auth } : {}) },
      signal: abort.signal,
    });
    const client = new EventStreamClient(res.status, res.headers, res.body, abort);
    void client.read();
    return client;
  }

  /** The first event not taken yet that matches, waiting up to `timeoutMs` for it. */
  async take(
    match: (e: ServerSentEvent) => boolean,
    timeoutMs = 2000,
    what = 'an event',
  ): Promise<ServerSentEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.events.findIndex((e, i) => !this.taken.has(i) && match(e));
      if (index >= 0) {
        this.taken.add(index);
        return this.events[index]!;
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.ended) {
        throw new Error(
          `no ${what} within ${timeoutMs} ms${this.ended ? ' (the stream ended)' : ''}; got ${JSON.stringify(this.events)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  /** A `lead` event about this lead (and, if given, of this kind), parsed. */
  async lead(leadId: string, kind?: string, timeoutMs = 2000): Promise<Record<string, unknown>> {
    const event = await this.take(
      (e) => {
        if (e.event !== 'lead') return false;
        const data = JSON.parse(e.data) as { leadId: string; kind: string };
        return data.leadId === leadId && (kind === undefined || data.kind === kind);
      },
      timeoutMs,
      `lead event ${kind ?? ''} for ${leadId}`,
    );
    return JSON.parse(event.data) as Record<string, unknown>;
  }

  /** The `lead` events not taken yet. */
  untakenLeadEvents(): ServerSentEvent[] {
    return this.events.filter((e, i) => !this.taken.has(i) && e.event === 'lead');
  }

  /**
   * Waits `ms` for what an earlier change still has on its way, then counts everything so far
   * as taken: what a test asserts next is only what its own act caused.
   */
  async settle(ms = 1000): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
    this.events.forEach((_, i) => this.taken.add(i));
  }

  /** Waits until the server ends the stream. */
  async end(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error(`the stream did not end within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  close(): void {
    this.abort.abort();
  }

  private async read(): Promise<void> {
    if (!this.body) {
      this.finish();
      return;
    }
    const reader = this.body.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const text = decoder.decode(value, { stream: true });
        this.raw += text;
        this.buffer += text;
        this.parse();
      }
    } catch {
      // Aborted by close(), or the connection dropped.
    }
    this.finish();
  }

  private finish(): void {
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
    this.waiters.clear();
  }

  private parse(): void {
    const blocks = this.buffer.split(/\r\n\r\n|\n\n|\r\r/);
    this.buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      let event = 'message';
      const data: string[] = [];
      let id: string | null = null;
      let retry: number | null = null;
      for (const line of block.split(/\r\n|\n|\r/)) {
        if (line === '') continue;
        if (line.startsWith(':')) {
          this.comments.push(line.slice(1).trim());
          continue;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') id = value;
        else if (field === 'retry') retry = Number(value);
      }
      // As an EventSource: an event without data is not dispatched.
      if (data.length > 0) this.events.push({ event, data: data.join('\n'), id, retry });
    }
    this.wake();
  }
}
