/** A status as glyph + word (never colour alone); the colour only reinforces it. */
import type { StatusLook } from '../model/status';

export function StatusBadge({ look }: { look: StatusLook }) {
  return (
    <span className={`status status--${look.tone}`}>
      <span className="status__glyph" aria-hidden="true">
        {look.glyph}
      </span>{' '}
      {look.word}
    </span>
  );
}
