import { fieldId } from './form-field';

type Props = {
  message: string;
  /** Field errors as sentences, keyed by field name, in the order the fields appear. */
  fields?: { name: string; text: string }[];
  idPrefix?: string;
};

/** The failed submission at a glance, announced at once, with links to each field that needs a change. */
export function ErrorSummary({ message, fields = [], idPrefix }: Props) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
      <p className="font-semibold">{message}</p>
      {fields.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {fields.map((field) => (
            <li key={field.name}>
              <a href={`#${fieldId(field.name, idPrefix)}`} className="underline underline-offset-2">
                {field.text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
