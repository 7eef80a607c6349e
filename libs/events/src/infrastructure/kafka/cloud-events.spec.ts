import { toKafkaMessage } from './cloud-events';

describe('toKafkaMessage', () => {
  it('maps an outbox record to a CloudEvents binary-mode Kafka message keyed by the lead', () => {
    const occurredAt = new Date('2026-11-28T10:00:00.123Z');
    const message = toKafkaMessage({
      seq: '7',
      id: 'event-1',
      type: 'intake.lead.submitted.v1',
      partitionKey: 'lead-1',
      subject: 'lead-1',
      sequence: '3',
      source: '/intake/leads',
      payload: { leadId: 'lead-1' },
      occurredAt,
    });
    expect(message).toEqual({
      key: 'lead-1',
      value: '{"leadId":"lead-1"}',
      headers: {
        ce_specversion: '1.0',
        ce_id: 'event-1',
        ce_type: 'intake.lead.submitted.v1',
        ce_source: '/intake/leads',
        ce_time: '2026-11-28T10:00:00.123Z',
        ce_subject: 'lead-1',
        ce_sequence: '3',
        ce_dataschema: 'https://intake.example/schemas/intake.lead.submitted.v1.json',
        'content-type': 'application/json',
      },
    });
  });
});
