/** A failure in words, with what the person can do about it when the kind says so. */
import { failureHint } from '../model/failureHints';
import type { ContractFailure } from '../stores/types';
import { ServerText } from './ServerText';

export function FailureText({ prefix, failure }: { prefix: string; failure: ContractFailure }) {
  const hint = failureHint(failure.kind);
  return (
    <p role="alert" className="failure">
      {prefix} <ServerText text={failure.message} />
      {hint ? ` ${hint}` : ''}
    </p>
  );
}
