import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type { AlertMessage } from '../../domain/alert-message';
import { NOTIFICATIONS_OPTIONS, NotificationsOptions } from '../../notifications-options';

/** Email over SMTP (nodemailer, pooled connections); throws when the server does not take it. */
@Injectable()
export class MailChannel implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(@Inject(NOTIFICATIONS_OPTIONS) options: NotificationsOptions) {
    const { smtp, sendTimeoutMs } = options.delivery!;
    this.from = smtp.from;
    this.transport = createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
      pool: true,
      maxConnections: 5,
      connectionTimeout: sendTimeoutMs,
      greetingTimeout: sendTimeoutMs,
      socketTimeout: sendTimeoutMs,
    });
  }

  async send(to: string, message: AlertMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to,
      subject: message.subject,
      text: message.text,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
