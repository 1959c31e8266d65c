import { useEffect, useState, type FormEvent } from 'react';
import { Button, Group, NumberInput, Progress, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@apollo/client/react';
import type { Plan } from '@rolegraph/shared';
import { graphql } from '../../graphql/generated';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { useFieldErrors } from '../../app/fieldErrors';

const BILLING = graphql(`
  query Billing {
    billing {
      plan
      seats
      seatsUsed
      plans {
        id
        label
        defaultSeats
        maxSeats
      }
    }
  }
`);

const UPDATE_BILLING = graphql(`
  mutation UpdateBilling($input: UpdateBillingInput!) {
    updateBilling(input: $input) {
      plan
      seats
      seatsUsed
    }
  }
`);

/** Billing: plan and seats; seats cannot go below the members and pending invitations already counted. */
export function BillingSettings() {
  const query = useQuery(BILLING);
  const billing = query.data?.billing;
  const [plan, setPlan] = useState<Plan | null>(null);
  const [seats, setSeats] = useState<number>(0);
  const [update, { loading, error, reset }] = useMutation(UPDATE_BILLING, { refetchQueries: [BILLING] });
  const errors = useFieldErrors(error, ['seats']);
  useEffect(() => {
    if (billing) {
      setPlan(billing.plan);
      setSeats(billing.seats);
    }
  }, [billing]);
  const option = billing?.plans.find((p) => p.id === plan);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!plan) return;
    reset();
    try {
      await update({ variables: { input: { plan, seats } } });
      notifications.show({ color: 'green', message: 'Billing updated.' });
    } catch {
      // shown below
    }
  };
  return (
    <QueryState loading={query.loading && !billing} error={query.error}>
      {billing && (
        <form ref={errors.formRef} onSubmit={(e) => void onSubmit(e)}>
          <Stack maw={480}>
            <div>
              <Text size="sm">
                {billing.seatsUsed} of {billing.seats} seats used
              </Text>
              <Progress value={Math.min(100, (billing.seatsUsed / Math.max(1, billing.seats)) * 100)} aria-label="Seats used" />
            </div>
            <Select
              label="Plan"
              data={billing.plans.map((p) => ({ value: p.id, label: p.label }))}
              value={plan}
              allowDeselect={false}
              onChange={(value) => {
                const next = billing.plans.find((p) => p.id === value);
                if (!next) return;
                setPlan(next.id);
                setSeats((current) => Math.min(Math.max(current, billing.seatsUsed), next.maxSeats));
              }}
            />
            <NumberInput
              label="Seats"
              min={1}
              max={option?.maxSeats}
              value={seats}
              {...errors.field('seats')}
              onChange={(v) => {
                setSeats(typeof v === 'number' ? v : Number(v) || 0);
                errors.edited('seats');
              }}
              description={option ? `Up to ${option.maxSeats} on ${option.label}.` : undefined}
            />
            {errors.other !== null && <ErrorAlert error={errors.other} title="Not saved" />}
            <Group>
              <Button type="submit" loading={loading}>
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </QueryState>
  );
}
