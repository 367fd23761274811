/** Announces finished and failed jobs to screen readers, politely (never interrupting). */
import { useUiStore } from '../stores/uiStore';

export function LiveRegion() {
  const announcements = useUiStore((s) => s.announcements);
  return (
    <div className="visually-hidden" role="log" aria-live="polite" aria-label="Job announcements">
      {announcements.map((a) => (
        <p key={a.id}>{a.text}</p>
      ))}
    </div>
  );
}
