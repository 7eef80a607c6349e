/** The Kafka client of the analytics context (consumer, dead-letter producer, lag). */
export const ANALYTICS_KAFKA = Symbol('ANALYTICS_KAFKA');
