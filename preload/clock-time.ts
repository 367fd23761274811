/** "14:05" (or "02:05 PM", as the person's locale writes it): one way to say when, everywhere. */
export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
