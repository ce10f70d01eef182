// Messages for the user, shown in the alert region at the top of the page.

/** One message; `kind` decides its colour. */
export interface Alert {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

let nextId = 1;

/** The messages now shown, oldest first. */
export const alerts = $state<Alert[]>([]);

/** Shows an error in plain words; the same text is not shown twice. */
export function showError(text: string): void {
  if (alerts.some((a) => a.text === text)) return;
  alerts.push({ id: nextId++, kind: 'error', text });
}

/** Shows a short notice. */
export function showInfo(text: string): void {
  alerts.push({ id: nextId++, kind: 'info', text });
  const id = nextId - 1;
  setTimeout(() => dismiss(id), 6000);
}

/** Removes one message. */
export function dismiss(id: number): void {
  const index = alerts.findIndex((a) => a.id === id);
  if (index >= 0) alerts.splice(index, 1);
}
