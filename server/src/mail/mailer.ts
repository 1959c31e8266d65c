import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Tx } from '../db/database';
import { OutboxEmailEntity } from './outboxEmail.entity';

export interface MailMessage {
  readonly organizationId: string | null;
  readonly to: string;
  readonly subject: string;
  readonly body: string;
}

/**
 * A transactional outbox: a message is written to `outbox_emails` in the
 * transaction of the change that causes it, and delivered only after that
 * transaction commits — by SMTP when SMTP_URL is set, otherwise by writing it
 * to the log (where a person running Rolegraph locally finds the link).
 */
export class Mailer {
  private readonly transport: Transporter | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    smtpUrl: string | undefined,
    private readonly from: string,
  ) {
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined;
  }

  /** Stores the message in the caller's transaction; returns its id for `deliver`. */
  async enqueue(tx: Tx, message: MailMessage): Promise<string> {
    const id = randomUUID();
    await tx.insert(OutboxEmailEntity, { id, organizationId: message.organizationId, recipient: message.to, subject: message.subject, body: message.body, sentAt: null });
    return id;
  }

  /** Delivers a stored message; call after the enqueuing transaction committed. Never throws. */
  async deliver(id: string): Promise<void> {
    try {
      const message = await this.dataSource.getRepository(OutboxEmailEntity).findOneBy({ id });
      if (!message || message.sentAt) return;
      if (this.transport) {
        await this.transport.sendMail({ from: this.from, to: message.recipient, subject: message.subject, text: message.body });
        await this.dataSource.getRepository(OutboxEmailEntity).update({ id }, { sentAt: new Date() });
      } else {
        this.logger.info({ outboxEmailId: id, to: message.recipient, subject: message.subject }, `mail (no SMTP configured):\n${message.body}`);
      }
    } catch (error) {
      this.logger.error({ err: error, outboxEmailId: id }, 'mail delivery failed; the message stays in the outbox');
    }
  }
}
