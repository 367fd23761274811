/** A command's failure in words, where the command was started. Server text stays text. */
import { useUiStore } from '../stores/uiStore';
import { ServerText } from './ServerText';

export function CommandFailure({ commandKey, prefix }: { commandKey: string; prefix?: string }) {
  const failure = useUiStore((s) => s.failures[commandKey]);
  if (!failure) return null;
  return (
    <p role="alert" className="failure">
      {prefix ? `${prefix} ` : ''}
      <ServerText text={failure.message} />
    </p>
  );
}
