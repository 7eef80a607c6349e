import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { ApiError } from '../../api/client';
import {
  KIND_LABELS,
  useMyAlertSettings,
  useSaveAlertSettings,
  type AlertKind,
  type AlertSettings,
  type AlertSettingsInput,
} from './alert-settings.api';

const CHOOSABLE = (Object.keys(KIND_LABELS) as AlertKind[]).filter((k) => k !== 'crisis_page');

function timeZones(): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  return supported ? ['UTC', ...supported('timeZone').filter((z) => z !== 'UTC')] : ['UTC'];
}

/**
 * My alerts: where they reach me (email, a chat webhook), which ones I want, quiet hours in my
 * zone, and a digest for the non-urgent ones. Urgent alerts and crisis pages come through quiet
 * hours; pages come on every channel whatever is chosen here.
 */
export function AlertSettingsPage() {
  const settings = useMyAlertSettings();
  if (settings.error) return <Alert color="red">{settings.error.message}</Alert>;
  if (!settings.data) return <Loader aria-label="Loading your alert settings" />;
  return <AlertSettingsForm initial={settings.data} />;
}

function AlertSettingsForm({ initial }: { initial: AlertSettings }) {
  const save = useSaveAlertSettings();
  const zones = useMemo(() => timeZones(), []);
  const [draft, setDraft] = useState<AlertSettingsInput>(() => ({
    emailEnabled: initial.emailEnabled,
    chatWebhookUrl: initial.chatWebhookUrl,
    kinds: initial.kinds,
    quietHours: initial.quietHours,
    timeZone: initial.timeZone,
    digest: initial.digest,
  }));
  const [quiet, setQuiet] = useState(initial.quietHours !== null);
  const [saved, setSaved] = useState(false);

  const fields = save.error instanceof ApiError ? save.error.fields : {};
  const change = (patch: Partial<AlertSettingsInput>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  const submit = () => {
    const body: AlertSettingsInput = {
      ...draft,
      chatWebhookUrl: draft.chatWebhookUrl?.trim() ? draft.chatWebhookUrl.trim() : null,
      quietHours: quiet ? (draft.quietHours ?? { start: '21:00', end: '07:00' }) : null,
    };
    save.mutate(body, { onSuccess: () => setSaved(true) });
  };

  return (
    <Stack maw={640}>
      <Title order={1} size="h2">
        My alerts
      </Title>
      <Text size="sm" c="dimmed">
        Alerts say what happened and link to the lead in Intake. They never carry a name, contact,
        message or interest.
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          <Title order={2} size="h4">
            Where
          </Title>
          <Switch
            label="Email to my staff address"
            checked={draft.emailEnabled}
            onChange={(e) => change({ emailEnabled: e.currentTarget.checked })}
          />
          <TextInput
            label="Chat webhook"
            description="An incoming webhook URL (Slack, Mattermost, Microsoft Teams). Leave empty for none."
            placeholder="https://hooks.slack.com/services/…"
            value={draft.chatWebhookUrl ?? ''}
            error={fields.chatWebhookUrl}
            onChange={(e) => change({ chatWebhookUrl: e.currentTarget.value })}
          />

          <Checkbox.Group
            label="Which alerts"
            value={draft.kinds}
            error={fields.kinds}
            onChange={(kinds) => change({ kinds: kinds as AlertKind[] })}
          >
            <Stack gap="xs" mt="xs">
              {CHOOSABLE.map((kind) => (
                <Checkbox key={kind} value={kind} label={KIND_LABELS[kind]} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Text size="xs" c="dimmed">
            {KIND_LABELS.crisis_page}
          </Text>

          <Title order={2} size="h4">
            When
          </Title>
          <Select
            label="My time zone"
            searchable
            data={zones}
            value={draft.timeZone}
            error={fields.timeZone}
            onChange={(zone) => zone && change({ timeZone: zone })}
          />
          <Switch
            label="Quiet hours: hold non-urgent alerts until they end"
            checked={quiet}
            onChange={(e) => {
              setSaved(false);
              setQuiet(e.currentTarget.checked);
            }}
          />
          {quiet && (
            <Group>
              <TextInput
                type="time"
                label="From"
                value={draft.quietHours?.start ?? '21:00'}
                error={fields['quietHours.start']}
                onChange={(e) =>
                  change({
                    quietHours: {
                      start: e.currentTarget.value,
                      end: draft.quietHours?.end ?? '07:00',
                    },
                  })
                }
              />
              <TextInput
                type="time"
                label="Until"
                value={draft.quietHours?.end ?? '07:00'}
                error={fields['quietHours.end']}
                onChange={(e) =>
                  change({
                    quietHours: {
                      start: draft.quietHours?.start ?? '21:00',
                      end: e.currentTarget.value,
                    },
                  })
                }
              />
            </Group>
          )}
          <div>
            <Text size="sm" fw={500} id="digest-label">
              Non-urgent alerts
            </Text>
            <SegmentedControl
              aria-labelledby="digest-label"
              value={draft.digest}
              onChange={(digest) => change({ digest: digest as AlertSettingsInput['digest'] })}
              data={[
                { value: 'off', label: 'One by one' },
                { value: 'hourly', label: 'Hourly digest' },
                { value: 'daily', label: 'Daily at 08:00' },
              ]}
            />
          </div>

          {save.error && (
            <Alert color="red" title="Not saved">
              {save.error.message}
            </Alert>
          )}
          {saved && !save.isPending && <Alert color="green">Saved.</Alert>}
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
