/** Billing plans: each sets the default seat count; seats may be raised within the plan's maximum. */
export const PLANS = [
  { id: 'FREE', label: 'Free', defaultSeats: 5, maxSeats: 5 },
  { id: 'TEAM', label: 'Team', defaultSeats: 25, maxSeats: 500 },
  { id: 'ENTERPRISE', label: 'Enterprise', defaultSeats: 1000, maxSeats: 100000 },
] as const;
export type Plan = (typeof PLANS)[number]['id'];
export const DEFAULT_PLAN: Plan = 'TEAM';

export function planDefinition(plan: Plan): (typeof PLANS)[number] {
  const found = PLANS.find((p) => p.id === plan);
  if (!found) throw new Error(`Unknown plan ${plan}`);
  return found;
}
