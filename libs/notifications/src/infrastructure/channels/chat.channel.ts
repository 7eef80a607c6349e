import { Inject, Injectable } from '@nestjs/common';
import type { AlertMessage } from '../../domain/alert-message';
import { NOTIFICATIONS_OPTIONS, NotificationsOptions } from '../../notifications-options';

/**
 * A chat incoming webhook: `{"text": …}` is what Slack, Mattermost, Rocket.Chat and Microsoft
 * Teams incoming webhooks all take. No redirects followed; the answer's body is not read.
 */
@Injectable()
export class ChatChannel {
  constructor(@Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions) {}

  async send(url: string, message: AlertMessage): Promise<void> {
    if (this.options.chatHttpsOnly && !url.startsWith('https://')) {
      throw new Error('the chat webhook is not https');
    }
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: message.text }),
      redirect: 'error',
      signal: AbortSignal.timeout(this.options.delivery!.sendTimeoutMs),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`the chat webhook answered ${response.status}`);
  }
}
