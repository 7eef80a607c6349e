import { OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka } from 'kafkajs';

/** Reports whether the broker answers; used by readiness checks. */
export class KafkaHealth implements OnApplicationShutdown {
  private admin: Admin | null = null;

  constructor(private readonly kafka: Kafka) {}

  async check(timeoutMs = 2000): Promise<boolean> {
    try {
      await withTimeout(this.describe(), timeoutMs);
      return true;
    } catch {
      const admin = this.admin;
      this.admin = null;
      await admin?.disconnect().catch(() => undefined);
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    this.admin = null;
  }

  private async describe(): Promise<void> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    await this.admin.describeCluster();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}
