import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A person. One account may belong to several organizations. */
@Entity('accounts')
export class AccountEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** As the person typed it. */
  @Column('text')
  email: string;

  /** Lower-cased and trimmed: emails are unique case-insensitively. */
  @Column('text', { name: 'email_normalized' })
  emailNormalized: string;

  @Column('text')
  name: string;

  /** argon2id; never selected unless asked for. */
  @Column('text', { name: 'password_hash', select: false })
  passwordHash: string;

  /** The organization whose SCIM client created the account, if one did: it may provision the account again. */
  @Column('uuid', { name: 'provisioned_by', nullable: true })
  provisionedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The domain of an email, as organizations claim domains (lower case). */
export function emailDomain(email: string): string {
  return normalizeEmail(email).split('@').pop() ?? '';
}
