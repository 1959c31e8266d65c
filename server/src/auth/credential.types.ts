import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Organization } from './auth.types';

@ObjectType({ description: 'One of the signed-in account’s sessions (a browser or a bearer token), without its token.' })
export class SessionInfo {
  @Field(() => ID, { description: 'Session id, for endSession.' })
  id: string;

  @Field({ description: 'When the session was created (signed in).' })
  createdAt: Date;

  @Field({ description: 'When the session expires.' })
  expiresAt: Date;

  @Field({ description: 'True for the session making this request.' })
  current: boolean;

  @Field(() => Organization, { nullable: true, description: 'The organization the session acts in; null when none.' })
  organization: Organization | null;

  @Field(() => String, {
    nullable: true,
    description: 'The User-Agent of the browser or program that signed in (one line, at most 512 characters); null when unknown or over WebSocket.',
  })
  userAgent: string | null;

  @Field(() => String, { nullable: true, description: 'The client address that signed in; null when unknown.' })
  clientAddress: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When a request last authenticated with the session, to the minute; null for sessions from before this was recorded.',
  })
  lastUsedAt: Date | null;
}

@InputType({ description: 'Change the signed-in account’s password.' })
export class ChangePasswordInput {
  @Field({ description: 'The password used now.' })
  currentPassword: string;

  @Field({ description: 'The new password, at least 10 characters.' })
  newPassword: string;
}

@InputType({ description: 'Ask for a password reset link by email.' })
export class RequestPasswordResetInput {
  @Field({ description: 'The email address the account signs in with.' })
  email: string;
}

@InputType({ description: 'Choose a new password with a reset link’s token.' })
export class ResetPasswordInput {
  @Field({ description: 'The token from the reset link (after `#token=`).' })
  token: string;

  @Field({ description: 'The new password, at least 10 characters.' })
  newPassword: string;
}
