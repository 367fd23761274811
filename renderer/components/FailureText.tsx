/** A failure in words, with what the person can do about it when the kind says so. */
import { failureHint } from '../model/failureHints';
import type { ContractFailure } from '../stores/types';

export function FailureText({ prefix, failure }: { prefix: string; failure: ContractFailure }) {
  const hint = failureHint(failure.kind);
  return (
    <p role="alert" className="failure">
      {prefix} {failure.message}
      {hint ? ` ${hint}` : ''}
    </p>
  );
}
