/** A job's result object as a short list of fields; server text, so shown as text only. */
import { ServerText } from './ServerText';

const MAX_FIELDS = 20;

function asText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function ResultSummary({ result }: { result: unknown }) {
  if (result === null || result === undefined) return <p>No result reported.</p>;
  if (typeof result !== 'object' || Array.isArray(result))
    return (
      <p className="result__text">
        <ServerText text={asText(result)} />
      </p>
    );
  const fields = Object.entries(result as Record<string, unknown>).slice(0, MAX_FIELDS);
  if (fields.length === 0) return <p>No result reported.</p>;
  return (
    <dl className="result">
      {fields.map(([name, value]) => (
        <div key={name} className="result__field">
          <dt>
            <ServerText text={name} />
          </dt>
          <dd>
            <ServerText text={asText(value).slice(0, 500)} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
