import { useState } from 'react';
import { Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { EXPIRY_PRESETS, expiryFromPreset, type ExpiryPreset } from './expiryPresets';

/**
 * When access should end: no end, 1 day, 7 days, 30 days, or a date. Calls
 * `onChange` with the ISO instant (null for no end) — what grantAccess and
 * approveAccessRequest take as `expiresAt`.
 */
export function ExpiryPicker({ onChange, label = 'Access ends' }: { onChange: (expiresAt: string | null) => void; label?: string }) {
  const [preset, setPreset] = useState<ExpiryPreset>('NONE');
  const [date, setDate] = useState('');
  const [expiresAt, setExpiresAt] = useState<string | null>(null);
  const update = (nextPreset: ExpiryPreset, nextDate: string) => {
    setPreset(nextPreset);
    setDate(nextDate);
    const next = expiryFromPreset(nextPreset, new Date(), nextDate || null);
    setExpiresAt(next);
    onChange(next);
  };
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <SegmentedControl
        aria-label={label}
        size="xs"
        value={preset}
        onChange={(value) => update(value as ExpiryPreset, date)}
        data={EXPIRY_PRESETS.map((p) => ({ value: p.value, label: p.label }))}
      />
      {preset === 'DATE' && (
        <Group>
          <TextInput type="date" aria-label="End date" value={date} onChange={(e) => update('DATE', e.currentTarget.value)} />
        </Group>
      )}
      <Text size="xs" c="dimmed" data-testid="expiry-summary">
        {expiresAt ? `Until ${new Date(expiresAt).toLocaleString()}` : preset === 'DATE' ? 'Pick a date after today.' : 'No end date.'}
      </Text>
    </Stack>
  );
}
