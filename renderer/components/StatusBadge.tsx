/** A status as glyph + word (never colour alone); the colour only reinforces it. */
import type { StatusLook } from '../model/status';
import { ServerText } from './ServerText';

export function StatusBadge({ look }: { look: StatusLook }) {
  return (
    <span className={`status status--${look.tone}`}>
      <span className="status__glyph" aria-hidden="true">
        {look.glyph}
      </span>{' '}
      {/* Unknown statuses are the server's own words. */}
      <ServerText text={look.word} />
    </span>
  );
}
