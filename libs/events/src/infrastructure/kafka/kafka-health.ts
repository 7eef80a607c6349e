import { OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka } from 'kafkajs';
import { withTimeout } from '@intake/platform';

/** Reports whether the broker answers; used by readiness checks. */
export class KafkaHealth implements OnApplicationShutdown {
  private admin: Admin | null = null;
  private inFlight: Promise<boolean> | null = null;

  constructor(private readonly kafka: Kafka) {}

  /** Concurrent checks share one probe, so a burst of probes never opens a burst of clients. */
  check(timeoutMs = 2000): Promise<boolean> {
    this.inFlight ??= this.probe(timeoutMs).finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async probe(timeoutMs: number): Promise<boolean> {
    const describing = this.describe();
    try {
      await withTimeout(describing, timeoutMs);
      return true;
    } catch {
      describing.catch(() => undefined); // it cleans up after itself when it fails late
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.disconnect().catch(() => undefined);
  }

  private async describe(): Promise<void> {
    let admin = this.admin;
    try {
      if (!admin) {
        admin = this.kafka.admin();
        this.admin = admin;
        await admin.connect();
      }
      await admin.describeCluster();
    } catch (error) {
      if (this.admin === admin) this.admin = null;
      await admin?.disconnect().catch(() => undefined);
      throw error;
    }
  }
}
