import { Field, InputType, Int, ObjectType } from 'type-graphql';
import type { Plan } from '@rolegraph/shared';
import { PlanEnum } from '../graphql/enums';

@ObjectType({ description: 'The organization’s LLM provider settings. The API key is write-only.' })
export class LlmConfiguration {
  @Field({ description: 'Provider, e.g. "openai".' })
  provider: string;

  @Field({ description: 'Model name.' })
  model: string;

  @Field(() => String, { nullable: true, description: 'The last four characters of the provider API key, when one is set.' })
  apiKeyLast4: string | null;

  @Field({ description: 'When the settings last changed.' })
  updatedAt: Date;
}

@InputType({ description: 'Set the LLM provider settings.' })
export class UpdateLlmConfigurationInput {
  @Field({ description: 'Provider, e.g. "openai".' })
  provider: string;

  @Field({ description: 'Model name.' })
  model: string;

  @Field(() => String, { nullable: true, description: 'A new provider API key; omit to keep the current one, empty string to clear it.' })
  apiKey?: string | null;
}

@ObjectType({ description: 'A plan on offer.' })
export class PlanOption {
  @Field(() => PlanEnum, { description: 'Plan id.' })
  id: Plan;

  @Field({ description: 'Display name.' })
  label: string;

  @Field(() => Int, { description: 'Seats a new subscription gets.' })
  defaultSeats: number;

  @Field(() => Int, { description: 'Most seats the plan allows.' })
  maxSeats: number;
}

@ObjectType({ description: 'Plan and seats.' })
export class Billing {
  @Field(() => PlanEnum, { description: 'Current plan.' })
  plan: Plan;

  @Field(() => Int, { description: 'Seats paid for.' })
  seats: number;

  @Field(() => Int, { description: 'Seats in use: members plus pending invitations.' })
  seatsUsed: number;

  @Field(() => [PlanOption], { description: 'Plans on offer.' })
  plans: PlanOption[];
}

@InputType({ description: 'Change plan and seats.' })
export class UpdateBillingInput {
  @Field(() => PlanEnum, { description: 'The plan.' })
  plan: Plan;

  @Field(() => Int, { description: 'Seats: at least those in use, at most the plan’s maximum.' })
  seats: number;
}

@InputType({ description: 'Delete the organization, for good.' })
export class DeleteOrganizationInput {
  @Field({ description: 'The organization’s current name, typed to confirm.' })
  name: string;
}

@ObjectType({ description: 'What deleting the organization takes with it.' })
export class OrganizationDeletionPreview {
  @Field(() => Int, { description: 'Members, you included: they all lose access.' })
  members: number;

  @Field(() => Int, { description: 'Teams.' })
  teams: number;

  @Field(() => Int, { description: 'Resources of every type.' })
  resources: number;

  @Field(() => Int, { description: 'Grants on those resources.' })
  grants: number;

  @Field(() => Int, { description: 'Invitations not yet accepted, revoked or expired.' })
  pendingInvitations: number;

  @Field(() => Int, { description: 'API keys not revoked: they stop working.' })
  apiKeys: number;
}

@InputType({ description: 'Rename the organization.' })
export class RenameOrganizationInput {
  @Field({ description: 'The new name (one line, up to 100 characters).' })
  name: string;
}
