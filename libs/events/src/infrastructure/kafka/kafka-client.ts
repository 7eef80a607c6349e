import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry } from 'kafkajs';

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
}

const logger = new Logger('kafkajs');

// kafkajs logs through our logger; broker-down noise is a warning, the relay reports the outcome.
const logCreator = () => (entry: LogEntry) => {
  const { message, broker, error } = entry.log as {
    message: string;
    broker?: string;
    error?: string;
  };
  const line = { broker, error, namespace: entry.namespace };
  if (entry.level <= logLevel.WARN) logger.warn(line, message);
  else logger.debug(line, message);
};

export function createKafka(connection: KafkaConnection): Kafka {
  return new Kafka({
    clientId: connection.clientId,
    brokers: connection.brokers,
    logLevel: logLevel.WARN,
    logCreator,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2000 },
  });
}

export function parseBrokers(list: string): string[] {
  return list
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}
