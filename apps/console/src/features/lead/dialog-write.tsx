import { Alert, Button, Group } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { ApiError, type LeadDetail } from '../../api/client';
import { writeErrorMessage, type LeadWrite } from './lead.api';

/** What the lead page gives each of its write dialogs. */
export interface LeadDialogProps {
  lead: LeadDetail;
  opened: boolean;
  onClose: () => void;
  write: LeadWrite;
  onDone: (message: string) => void;
}

/**
 * A dialog's write to the lead: `busy` names what is being saved while it runs (a dialog with
 * one button uses `true`), and a refusal leaves the API's message in `error` and its field
 * errors in `fields`, each shown beside its field.
 */
export function useDialogWrite<K = true>() {
  const [busy, setBusy] = useState<K | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const run = async (key: K, write: () => Promise<void>): Promise<void> => {
    setBusy(key);
    setError(null);
    setFields({});
    try {
      await write();
    } catch (e) {
      if (e instanceof ApiError) setFields(e.fields);
      setError(writeErrorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, fields, setFields, run };
}

/**
 * The end of a dialog: the refusal, if any, then Cancel and the dialog's own buttons (`children`),
 * or a Save button for `onSave`.
 */
export function DialogFooter({
  error,
  onCancel,
  onSave,
  saving = false,
  children,
}: {
  error: string | null;
  onCancel: () => void;
  onSave?: () => Promise<void>;
  saving?: boolean;
  children?: ReactNode;
}) {
  return (
    <>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        {children ??
          (onSave && (
            <Button onClick={() => void onSave()} loading={saving}>
              Save
            </Button>
          ))}
      </Group>
    </>
  );
}
