import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@apollo/client/react';
import { ACCESS_LEVEL_LABELS, GRANTABLE_LEVELS, type GrantLevel } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import { useFieldErrors } from '../../app/fieldErrors';
import { ErrorAlert } from '../../components/QueryState';

const REQUEST_ACCESS = graphql(`
  mutation RequestAccess($input: RequestAccessInput!) {
    requestAccess(input: $input) {
      id
      status
      message
    }
  }
`);

/**
 * "You need access": shown where a resource cannot be opened. It says
 * nothing about whether the resource exists (the server answers the same
 * either way) and offers to ask those who may share it.
 */
export function NeedAccess({ resourceId }: { resourceId: string }) {
  const [level, setLevel] = useState<GrantLevel>('VIEWER');
  const [reason, setReason] = useState('');
  const [request, { data, loading, error }] = useMutation(REQUEST_ACCESS, { refetchQueries: ['AccessRequests'] });
  const receipt = data?.requestAccess;
  const errors = useFieldErrors(error, ['level', 'reason']);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void request({ variables: { input: { resourceId, level, reason } } }).catch(() => undefined);
  };
  return (
    <Card withBorder maw={520} padding="lg">
      <Stack>
        <Title order={1} size="h2">
          You need access
        </Title>
        <Text c="dimmed">You cannot open this, or it does not exist. You can ask the people who may share it.</Text>
        {receipt ? (
          <Alert color="teal" title="Request sent">
            {receipt.message}
          </Alert>
        ) : (
          <form ref={errors.formRef} onSubmit={onSubmit}>
            <Stack>
              <Select
                label="Access level"
                value={level}
                {...errors.field('level')}
                onChange={(value) => {
                  if (value) setLevel(value as GrantLevel);
                  errors.edited('level');
                }}
                data={GRANTABLE_LEVELS.map((l) => ({ value: l, label: ACCESS_LEVEL_LABELS[l] }))}
                allowDeselect={false}
              />
              <Textarea label="Why you need it" value={reason} {...errors.textField('reason', setReason)} maxLength={1000} autosize minRows={2} />
              {errors.other !== null && <ErrorAlert error={errors.other} title="Not requested" />}
              <Button type="submit" loading={loading}>
                Request access
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
