import {
  KafkaJSConnectionError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
} from 'kafkajs';
import { isBrokerUnavailable } from './kafka-publisher';

describe('isBrokerUnavailable', () => {
  it('is true for connection failures, also when wrapped by retries', () => {
    const refused = new KafkaJSConnectionError(
      'Connection error: connect ECONNREFUSED 127.0.0.1:9092',
    );
    expect(isBrokerUnavailable(refused)).toBe(true);
    expect(
      isBrokerUnavailable(
        new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 3, retryTime: 2000 }),
      ),
    ).toBe(true);
  });

  it('is false for a record the broker refuses, such as one too large', () => {
    const tooLarge = new KafkaJSProtocolError({
      message:
        'The request included a message larger than the max message size the server will accept',
      type: 'MESSAGE_TOO_LARGE',
      code: 10,
      retriable: false,
    } as never);
    expect(isBrokerUnavailable(tooLarge)).toBe(false);
    expect(isBrokerUnavailable(new Error('something else'))).toBe(false);
  });
});
