import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { LeadDetail } from '../../api/client';
import { LeadLocalTime } from '../../components/Badges';
import { CHANNEL_LABEL } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { Section } from './Section';

export function ContactCard({ lead }: { lead: LeadDetail }) {
  const masked = lead.contactMasked;
  const zone = lead.timeZone;
  const touch = lead.firstTouch;
  const latest = lead.latestTouch;
  return (
    <Section title="Contact" testId="contact">
      <Stack gap={6}>
        {lead.phone ? (
          masked ? (
            <Text data-testid="phone">{lead.phone}</Text>
          ) : (
            <Group gap="sm">
              <Anchor href={`tel:${lead.phone}`} data-testid="phone">
                {lead.phone}
              </Anchor>
              {lead.smsConsent ? (
                <Anchor href={`sms:${lead.phone}`}>text</Anchor>
              ) : (
                <Text size="sm" c="dimmed">
                  no consent to texts
                </Text>
              )}
            </Group>
          )
        ) : (
          <Text c="dimmed">No phone number</Text>
        )}
        {lead.email ? (
          masked ? (
            <Text data-testid="email">{lead.email}</Text>
          ) : (
            <Anchor href={`mailto:${lead.email}`} data-testid="email">
              {lead.email}
            </Anchor>
          )
        ) : (
          <Text c="dimmed">No email</Text>
        )}
        <Group gap="xs">
          <Badge color={lead.contactConsent ? 'teal' : 'red'} variant="light">
            {lead.contactConsent ? 'consents to contact' : 'no consent to contact'}
          </Badge>
          <Badge color={lead.smsConsent ? 'teal' : 'gray'} variant="light">
            {lead.smsConsent ? 'texts ok' : 'no texts'}
          </Badge>
          {lead.preferredContact && (
            <Badge variant="outline">
              prefers {CHANNEL_LABEL[lead.preferredContact] ?? lead.preferredContact}
            </Badge>
          )}
        </Group>
        <Text size="sm">Best time: {lead.bestTimeToContact ?? '—'}</Text>
        <Group gap="xs">
          <Text size="sm">Their time:</Text>
          <LeadLocalTime zone={zone} />
          {zone && (
            <Text size="xs" c="dimmed">
              ({zone})
            </Text>
          )}
        </Group>
        <Text size="sm">Language: {lead.language ?? '—'}</Text>
        <Text size="sm">Heard of us: {lead.howDidYouHear ?? '—'}</Text>
        <Text size="sm" fw={500} mt="xs">
          Attribution
        </Text>
        <Text size="sm">
          First: {touch.utmSource ?? 'direct'}
          {touch.utmMedium ? ` / ${touch.utmMedium}` : ''}
          {touch.utmCampaign ? ` · ${touch.utmCampaign}` : ''} on {touch.formKey},{' '}
          {formatDateTime(touch.at)}
        </Text>
        {latest.submissionId !== touch.submissionId && (
          <Text size="sm">
            Latest: {latest.utmSource ?? 'direct'}
            {latest.utmMedium ? ` / ${latest.utmMedium}` : ''}
            {latest.utmCampaign ? ` · ${latest.utmCampaign}` : ''}, {formatDateTime(latest.at)}
          </Text>
        )}
        {touch.landingPage && (
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            Landing page {touch.landingPage}
            {touch.referrer ? ` · from ${touch.referrer}` : ''}
          </Text>
        )}
      </Stack>
    </Section>
  );
}
