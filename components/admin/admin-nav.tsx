'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const SECTIONS = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/products', label: 'Products' },
  { href: '/admin/inventory', label: 'Inventory' },
  { href: '/admin/orders', label: 'Orders' },
  { href: '/admin/promotions', label: 'Promotions' },
  { href: '/admin/suppliers', label: 'Suppliers' },
  { href: '/admin/customers', label: 'Customers' },
  { href: '/admin/flash-sales', label: 'Flash sales' },
  { href: '/admin/jobs', label: 'Background jobs' },
];

/** The dashboard's sections; scrolls sideways on a phone. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Dashboard" className="border-b border-slate-200 bg-white">
      <ul className="mx-auto flex max-w-7xl gap-1 overflow-x-auto px-4 sm:px-6 lg:px-8">
        {SECTIONS.map((section) => {
          const active = section.href === '/admin' ? pathname === '/admin' : pathname.startsWith(section.href);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={active ? 'page' : undefined}
                className={`inline-block whitespace-nowrap border-b-2 px-3 py-3 text-sm font-medium ${
                  active ? 'border-slate-900 text-slate-900' : 'border-transparent text-slate-600 hover:text-slate-900'
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
