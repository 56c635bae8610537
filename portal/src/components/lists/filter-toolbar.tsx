import Link from "next/link";
import { clearHref, type ListParams } from "@/lib/list-params";

export interface FilterOption {
  value: string;
  label: string;
}

/** One filter of a list; its `name` is the search param it sets (and the name `listParams` reads). */
export type FilterField =
  | { type: "search"; name: string; label: string; placeholder?: string }
  /** A calendar day (YYYY-MM-DD in the URL), e.g. the ends of a period. */
  | { type: "date"; name: string; label: string }
  | {
      type: "select";
      name: string;
      label: string;
      options: FilterOption[];
      /** The first choice, meaning "no filter": "Any", "All pools". */
      anyLabel: string;
    };

interface FilterToolbarProps {
  /** Prefix of the inputs' ids, unique on the page. */
  id: string;
  fields: FilterField[];
  list: ListParams;
  submitLabel?: string;
}

/**
 * A list's filters as a plain GET form: submitting puts them in the URL (dropping the cursor, so a new filter starts
 * at page one), the server renders the filtered list, and the result is a link. Works without JavaScript. The list's
 * view parameters ride along as hidden inputs, and "Clear" keeps them.
 */
export function FilterToolbar({ id, fields, list, submitLabel = "Apply" }: FilterToolbarProps) {
  return (
    <form className="toolbar" method="get" aria-label="Filters">
      {Object.entries(list.keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((field) => {
        const inputId = `${id}-${field.name}`;
        return (
          <div className="field" key={field.name}>
            <label htmlFor={inputId}>{field.label}</label>
            {field.type === "search" ? (
              <input
                id={inputId}
                type="search"
                name={field.name}
                defaultValue={list.filters[field.name] ?? ""}
                placeholder={field.placeholder}
              />
            ) : field.type === "date" ? (
              <input id={inputId} type="date" name={field.name} defaultValue={list.filters[field.name] ?? ""} />
            ) : (
              <select id={inputId} name={field.name} defaultValue={list.filters[field.name] ?? ""}>
                <option value="">{field.anyLabel}</option>
                {field.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            )}
          </div>
        );
      })}
      <button type="submit" className="btn">
        {submitLabel}
      </button>
      {fields.some((field) => list.filters[field.name]) ? (
        <Link className="btn btn-ghost" href={clearHref(list)}>
          Clear
        </Link>
      ) : null}
    </form>
  );
}
