import type { CategoryOption } from '@/lib/catalog/admin-products';
import { SelectField } from './fields';

/** Categories grouped under their top-level category. */
export function CategorySelect({ categories, error, defaultValue = '', idPrefix }: { categories: CategoryOption[]; error?: string; defaultValue?: string; idPrefix?: string }) {
  const roots = categories.filter((c) => c.depth === 0);
  const childrenOf = (root: CategoryOption) => categories.filter((c) => c.depth > 0 && c.label.startsWith(`${root.label} › `));
  return (
    <SelectField name="category" label="Category" required defaultValue={defaultValue} error={error} idPrefix={idPrefix}>
      <option value="" disabled>
        Choose a category
      </option>
      {roots.map((root) => {
        const children = childrenOf(root);
        return children.length === 0 ? (
          <option key={root.id} value={root.id}>
            {root.label}
          </option>
        ) : (
          <optgroup key={root.id} label={root.label}>
            {children.map((child) => (
              <option key={child.id} value={child.id}>
                {child.label.slice(root.label.length + 3)}
              </option>
            ))}
          </optgroup>
        );
      })}
    </SelectField>
  );
}
