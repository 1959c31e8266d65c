import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { Tx } from '../db/database';
import { OutboxEmailEntity } from './outboxEmail.entity';
import { withoutOneTimeLinks } from './oneTimeLinks';

export interface MailMessage {
  readonly organizationId: string | null;
  readonly to: string;
  readonly subject: string;
  /**
   * The text. A link carrying a one-time token (an invitation, a password
   * reset) is delivered in the mail but kept in the stored copy only until
   * the mail is handed to delivery.
   */
  readonly body: string;
}

export interface MailerOptions {
  /** SMTP server URL; unset = no mail leaves the server. */
  readonly smtpUrl: string | undefined;
  readonly from: string;
  /** Without SMTP, write each mail to the log with its one-time link (for running Rolegraph on one's own machine). */
  readonly logLinks: boolean;
}

/**
 * A transactional outbox: a message is written to `outbox_emails` in the
 * transaction of the change that causes it, and delivered only after that
 * transaction commits.
 *
 * Delivery reads the stored message once and, in the same transaction,
 * rewrites its body without any one-time link, so the table never keeps a
 * live token: from then on the link exists only in the mail being sent (and
 * in the one response that created it). Then the message goes out by SMTP
 * when SMTP_URL is set. Without SMTP nothing is sent: the inviter copies
 * the link from the response, and the log says a mail was not sent — with
 * its link only when MAIL_LOG_LINKS is on.
 */
export class Mailer {
  private readonly transport: Transporter | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly options: MailerOptions,
  ) {
    this.transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
    if (!this.transport && options.logLinks) {
      logger.warn('MAIL_LOG_LINKS is on: mail, one-time links included, is written to the log. Use it only on your own machine.');
    }
  }

  /** Stores the message in the caller's transaction; returns its id for `deliver`. */
  async enqueue(tx: Tx, message: MailMessage): Promise<string> {
    const id = randomUUID();
    await tx.insert(OutboxEmailEntity, {
      id,
      organizationId: message.organizationId,
      recipient: message.to,
      subject: message.subject,
      body: message.body,
      sentAt: null,
    });
    return id;
  }

  /** Delivers a stored message; call after the enqueuing transaction committed. Never throws. */
  async deliver(id: string): Promise<void> {
    try {
      const message = await this.takeForDelivery(id);
      if (!message) return;
      if (this.transport) {
        await this.transport.sendMail({ from: this.options.from, to: message.recipient, subject: message.subject, text: message.body });
        await this.dataSource.getRepository(OutboxEmailEntity).update({ id }, { sentAt: new Date() });
      } else if (this.options.logLinks) {
        this.logger.info(
          { outboxEmailId: id, to: message.recipient, subject: message.subject },
          `mail (no SMTP configured; MAIL_LOG_LINKS is on):\n${message.body}`,
        );
      } else {
        this.logger.info({ outboxEmailId: id, to: message.recipient, subject: message.subject }, 'mail not sent: no SMTP configured (SMTP_URL)');
      }
    } catch (error) {
      this.logger.error({ err: error, outboxEmailId: id }, 'mail delivery failed; any one-time link in it was not kept: send it again');
    }
  }

  /**
   * Reads a message that was not sent yet and, in the same transaction, keeps
   * its body without one-time links; returns the message as it was read.
   */
  private takeForDelivery(id: string): Promise<OutboxEmailEntity | null> {
    return this.dataSource.transaction(async (tx) => {
      const message = await tx.getRepository(OutboxEmailEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!message || message.sentAt) return null;
      const kept = withoutOneTimeLinks(message.body);
      if (kept !== message.body) await tx.update(OutboxEmailEntity, { id }, { body: kept });
      return message;
    });
  }
}
