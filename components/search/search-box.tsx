'use client';

import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { CloseIcon, SearchIcon } from './icons';
import { useSearchNavigation } from './search-ui';
import { SEARCH_PATH, queryHref } from './search-url';

type Props = {
  /** `page`: the search page's large box; `header`: the compact one in the site header. */
  variant: 'page' | 'header';
  defaultValue?: string;
  /** Called after a search is submitted (the header closes its phone panel). */
  onSearch?: () => void;
  /** Called on Escape when no suggestion list is open. */
  onEscape?: () => void;
  inputId?: string;
};

const MIN_CHARS = 2;
const DEBOUNCE_MS = 150;
/** Suggestions already fetched in this tab, so typing back and forth does not ask again. */
const cache = new Map<string, string[]>();

/**
 * The search box: a GET form to /search (works without JavaScript) with
 * suggestions as you type, following the ARIA combobox pattern (list
 * autocomplete): arrows move through the list, Enter picks, Escape closes,
 * and picking a suggestion searches for it.
 */
export function SearchBox({ variant, defaultValue = '', onSearch, onEscape, inputId }: Props) {
  const generatedId = useId();
  const id = inputId ?? `search-${generatedId}`;
  const listboxId = `${id}-listbox`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const { navigate, pending } = useSearchNavigation();
  const inputRef = useRef<HTMLInputElement>(null);

  const [value, setValue] = useState(defaultValue);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  /** The words the current suggestions are for (to highlight them). */
  const [suggestedFor, setSuggestedFor] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  /** Suggestions are fetched only once the shopper uses the box, not for the query a page opens with. */
  const [engaged, setEngaged] = useState(false);

  const term = value.trim();
  useEffect(() => {
    if (!engaged) return;
    if (term.length < MIN_CHARS) {
      setSuggestions([]);
      setOpen(false);
      return;
    }
    const key = term.toLowerCase();
    const known = cache.get(key);
    if (known) {
      setSuggestions(known);
      setSuggestedFor(term);
      setActive(-1);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/search/suggest?q=${encodeURIComponent(term)}`, { signal: controller.signal })
        .then((response) => (response.ok ? (response.json() as Promise<{ suggestions: string[] }>) : { suggestions: [] }))
        .then(({ suggestions: found }) => {
          if (cache.size > 100) cache.clear();
          cache.set(key, found);
          setSuggestions(found);
          setSuggestedFor(term);
          setActive(-1);
        })
        .catch(() => {});
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [term, engaged]);

  const expanded = open && suggestions.length > 0;

  const search = (query: string) => {
    setOpen(false);
    setActive(-1);
    inputRef.current?.blur();
    navigate(queryHref(query));
    onSearch?.();
  };

  const choose = (suggestion: string) => {
    setValue(suggestion);
    search(suggestion);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (expanded && active >= 0 && suggestions[active]) choose(suggestions[active]);
    else search(term);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        if (suggestions.length === 0) return;
        event.preventDefault();
        if (!expanded) {
          setOpen(true);
          setActive(0);
        } else setActive((i) => (i + 1) % suggestions.length);
        return;
      case 'ArrowUp':
        if (!expanded) return;
        event.preventDefault();
        setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1));
        return;
      case 'Enter':
        if (expanded && active >= 0 && suggestions[active]) {
          event.preventDefault();
          choose(suggestions[active]);
        }
        return;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (onEscape) {
          event.preventDefault();
          onEscape();
        } else if (value) {
          event.preventDefault();
          setValue('');
        }
        return;
      case 'Tab':
        setOpen(false);
        return;
    }
  };

  const page = variant === 'page';
  return (
    <form action={SEARCH_PATH} method="get" role="search" onSubmit={onSubmit} className="relative w-full">
      <label htmlFor={id} className="sr-only">
        Search products
      </label>
      <div
        className={`flex items-center rounded-xl border border-slate-300 bg-white shadow-sm transition focus-within:border-slate-500 focus-within:ring-2 focus-within:ring-brand-100 ${
          page ? 'h-12 sm:h-14' : 'h-10'
        }`}
      >
        <SearchIcon className={`ml-3 shrink-0 text-slate-400 ${page ? 'size-5' : 'size-4'}`} />
        <input
          ref={inputRef}
          id={id}
          name="query"
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          enterKeyHint="search"
          maxLength={200}
          placeholder={page ? 'Search products, brands and categories' : 'Search the shop'}
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setEngaged(true);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          data-testid="search-input"
          className={`min-w-0 flex-1 bg-transparent px-2.5 text-base text-slate-900 outline-none placeholder:text-slate-400 [&::-webkit-search-cancel-button]:appearance-none ${
            page ? 'sm:text-lg' : 'sm:text-sm'
          }`}
        />
        {value && (
          <button
            type="button"
            onClick={() => {
              setValue('');
              inputRef.current?.focus();
            }}
            className="grid size-8 shrink-0 place-items-center rounded-lg text-slate-400 hover:bg-slate-100 hover:text-slate-700"
            aria-label="Clear the search box"
          >
            <CloseIcon className="size-4" />
          </button>
        )}
        <button
          type="submit"
          aria-label="Search"
          className={`m-1 inline-flex shrink-0 items-center justify-center gap-2 rounded-lg font-semibold transition ${
            page ? 'h-10 bg-slate-900 px-3 text-sm text-white hover:bg-slate-700 sm:h-11 sm:px-5' : 'size-8 text-slate-600 hover:bg-slate-100'
          }`}
        >
          {pending ? <Spinner /> : <SearchIcon className="size-4" />}
          {page && (
            <span aria-hidden className="hidden sm:inline">
              Search
            </span>
          )}
        </button>
      </div>

      <ul
        id={listboxId}
        role="listbox"
        aria-label="Suggestions"
        hidden={!expanded}
        className="absolute inset-x-0 top-full z-40 mt-1.5 overflow-hidden rounded-xl border border-slate-200 bg-white py-1.5 shadow-lg"
      >
        {expanded &&
          suggestions.map((suggestion, index) => (
            <li
              key={suggestion}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              data-testid="suggestion"
              // Keep focus in the box: the click below picks the suggestion.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(suggestion)}
              className={`flex cursor-pointer items-center gap-3 px-3 py-2.5 text-sm text-slate-700 sm:py-2 ${
                index === active ? 'bg-slate-100 text-slate-950' : 'hover:bg-slate-50'
              }`}
            >
              <SearchIcon className="size-4 shrink-0 text-slate-400" />
              <span className="truncate">{highlight(suggestion, suggestedFor)}</span>
            </li>
          ))}
      </ul>
      <p role="status" className="sr-only">
        {expanded ? `${suggestions.length} ${suggestions.length === 1 ? 'suggestion' : 'suggestions'}: use the up and down arrows to choose.` : ''}
      </p>
    </form>
  );
}

function Spinner() {
  return <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-current border-r-transparent" />;
}

/** Bold the part of each word that the shopper has typed. */
function highlight(text: string, typed: string): ReactNode {
  const words = typed.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return text;
  return text.split(/(\s+)/).map((part, index) => {
    const lower = part.toLowerCase();
    const match = words.filter((word) => lower.startsWith(word)).sort((a, b) => b.length - a.length)[0];
    if (!match) return part;
    return (
      <span key={index}>
        <mark className="bg-transparent font-semibold text-slate-950">{part.slice(0, match.length)}</mark>
        {part.slice(match.length)}
      </span>
    );
  });
}
