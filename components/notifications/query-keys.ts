/** React Query keys for the player's notifications (the header bell and anything that changes them). */
export const NOTIFICATIONS_KEY = ["notifications"] as const;
export const UNREAD_COUNT_KEY = ["notifications", "unread"] as const;
