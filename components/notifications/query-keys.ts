/**
 * "The player's notifications changed" (a redemption, marking read): the header bell reads its
 * count again. A window event: the bell and whatever changed them need nothing else in common.
 */
const NOTIFICATIONS_CHANGED = "ox:notifications-changed";

export function notificationsChanged(): void {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}

export function onNotificationsChanged(listener: () => void): () => void {
  window.addEventListener(NOTIFICATIONS_CHANGED, listener);
  return () => window.removeEventListener(NOTIFICATIONS_CHANGED, listener);
}
