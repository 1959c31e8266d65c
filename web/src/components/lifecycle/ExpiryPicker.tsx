import { Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { EXPIRY_PRESETS, describeChoice, expiryFromPreset, type ExpiryChoice, type ExpiryPreset } from './expiryPresets';

/**
 * When access should end: no end, 1 day, 7 days, 30 days, or a date.
 * Controlled: it shows `value` and calls `onChange` with the next choice;
 * the form sends `expiresAtWhenSent(value)` (a date as picked, "7 days" from
 * the moment it is sent, as the summary says). The form keeps the choice, so
 * what the picker shows is what the form sends,
 * and a form that starts over sets it back to `NO_END`. A date that gives
 * no end (missing, or passed) is an error at the date field: the form
 * sends nothing while `value.error` is set.
 */
export function ExpiryPicker({
  value,
  onChange,
  label = 'Access ends',
  confirming = 'save',
}: {
  value: ExpiryChoice;
  onChange: (choice: ExpiryChoice) => void;
  label?: string;
  /** The verb of the button that makes the change: "7 days" counts from then. */
  confirming?: string;
}) {
  const summary = describeChoice(value, confirming);
  const update = (preset: ExpiryPreset, date: string) => onChange(expiryFromPreset(preset, new Date(), date || null));
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <SegmentedControl
        aria-label={label}
        size="xs"
        value={value.preset}
        onChange={(preset) => update(preset as ExpiryPreset, value.date)}
        data={EXPIRY_PRESETS.map((p) => ({ value: p.value, label: p.label }))}
      />
      {value.preset === 'DATE' && (
        <Group>
          <TextInput type="date" aria-label="End date" value={value.date} error={value.error} onChange={(e) => update('DATE', e.currentTarget.value)} />
        </Group>
      )}
      {summary !== null && (
        <Text size="xs" c="dimmed" data-testid="expiry-summary">
          {summary}
        </Text>
      )}
    </Stack>
  );
}
