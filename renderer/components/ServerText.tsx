/**
 * Text that came from a server (job ids, operations, repositories, owners, statuses, phases,
 * errors, results): rendered as text, never markup, inside `<bdi>` so its direction is
 * isolated from the text around it. Control and bidi override characters were already removed
 * where the text entered the app (main/core/text/clean-text); right-to-left names stay legible
 * and cannot reorder the words or numbers next to them.
 */
export function ServerText({ text, className }: { text: string; className?: string }) {
  return <bdi className={className ? `server-text ${className}` : 'server-text'}>{text}</bdi>;
}
