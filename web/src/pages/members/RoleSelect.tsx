import { NativeSelect, Stack, Text } from '@mantine/core';
import { ORG_ROLE_LABELS, type OrgRole } from '@rolegraph/shared';

export interface RoleOption {
  readonly role: OrgRole;
  readonly allowed: boolean;
  readonly reason: string | null;
}

/** Options for the role dropdown: every role, disabled with the server's reason when the viewer may not set it. */
export function roleSelectData(current: OrgRole, options: readonly RoleOption[]) {
  return options.map((o) => ({
    value: o.role,
    label: o.allowed || o.role === current ? ORG_ROLE_LABELS[o.role].name : `${ORG_ROLE_LABELS[o.role].name} — ${o.reason ?? 'not allowed'}`,
    disabled: !o.allowed && o.role !== current,
  }));
}

/**
 * The role dropdown of the Members table: a real dropdown (announced as one),
 * offering only what the signed-in user may set; what is disabled says why,
 * and when nothing may be set the reason shows under it before anyone
 * clicks. Choosing (by mouse, or by keyboard: arrows, Enter) only asks — the
 * page confirms before the role changes, and until then the dropdown shows
 * the current role. It keeps 180 px however narrow the table is squeezed (on
 * a phone the table scrolls sideways), so the reason reads in a few lines,
 * not a word a line.
 */
export function RoleSelect({
  memberName,
  current,
  options,
  onChange,
  disabled,
}: {
  memberName: string;
  current: OrgRole;
  options: readonly RoleOption[];
  onChange: (role: OrgRole) => void;
  disabled?: boolean;
}) {
  const data = roleSelectData(current, options);
  const nothingAllowed = options.every((o) => !o.allowed || o.role === current);
  const why = nothingAllowed ? (options.find((o) => !o.allowed && o.reason)?.reason ?? null) : null;
  const reasonId = `role-reason-${memberName.replace(/\W+/g, '-')}`;
  return (
    <Stack gap={2} miw={180} maw={{ base: 200, sm: 280 }}>
      <NativeSelect
        aria-label={`Role of ${memberName}`}
        aria-describedby={why ? reasonId : undefined}
        data={data}
        value={current}
        disabled={disabled || nothingAllowed}
        onChange={(event) => {
          const value = event.currentTarget.value as OrgRole;
          if (value !== current) onChange(value);
        }}
      />
      {why && (
        <Text size="xs" c="dimmed" id={reasonId} data-testid="role-reason">
          {why}
        </Text>
      )}
    </Stack>
  );
}
