/** What goes out for one delivery: titles and console links only, nothing about the lead. */
export interface AlertMessage {
  subject: string;
  text: string;
}

export interface MessageItem {
  title: string;
  /** A console path, or null. */
  link: string | null;
}

/** `/console/leads/…` made absolute on the console's origin (`PUBLIC_URL`). */
export function absoluteLink(publicUrl: string, path: string): string {
  return new URL(path, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).toString();
}

const SETTINGS_PATH = '/console/settings/alerts';

/** One alert, or a digest of several. The footer says where to change what one gets. */
export function composeMessage(
  items: readonly MessageItem[],
  publicUrl: string,
  digest: boolean,
): AlertMessage {
  const lines = items.map((item) =>
    item.link ? `${item.title}\n${absoluteLink(publicUrl, item.link)}` : item.title,
  );
  const footer = `Choose which alerts you get, where and when: ${absoluteLink(publicUrl, SETTINGS_PATH)}`;
  if (!digest && items.length === 1) {
    return { subject: items[0]!.title, text: `${lines[0]}\n\n${footer}\n` };
  }
  const subject = `${items.length} ${items.length === 1 ? 'alert' : 'alerts'} in Intake`;
  return { subject, text: `${subject}:\n\n${lines.join('\n\n')}\n\n${footer}\n` };
}
