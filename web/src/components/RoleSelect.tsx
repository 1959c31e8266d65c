import { Select, Stack, Text, Tooltip } from '@mantine/core';
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
 * The role dropdown of the Members table: offers only what the signed-in user
 * may set; what is disabled says why, and when nothing may be set the reason
 * shows under it before anyone clicks. Choosing (by mouse or Arrow+Enter)
 * only asks: the page confirms before the role changes.
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
  const why = options.find((o) => !o.allowed && o.reason)?.reason ?? undefined;
  const select = (
    <Select
      role="combobox"
      aria-label={`Role of ${memberName}`}
      data={data}
      value={current}
      allowDeselect={false}
      disabled={disabled || nothingAllowed}
      onChange={(value) => {
        if (value && value !== current) onChange(value as OrgRole);
      }}
      w={{ base: 180, sm: 260 }}
      comboboxProps={{ width: 360 }}
    />
  );
  return nothingAllowed && why ? (
    <Stack gap={2} maw={260}>
      <Tooltip label={why} multiline w={300}>
        <div>{select}</div>
      </Tooltip>
      <Text size="xs" c="dimmed" data-testid="role-reason">
        {why}
      </Text>
    </Stack>
  ) : (
    select
  );
}
